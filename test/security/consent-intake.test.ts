/**
 * Biometric consent, attacked over the real web station bridge: a page (or anyone holding the
 * bridge) that sends a face to main without the customer's "agreed" to the consent text in force is
 * refused and nothing is queued; an accepted one keeps the answer with the record (sealed) and in
 * the audit log without the customer's name. The customer fields are checked the same way.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../main/core/logger';
import { DATABASE_FILE } from '../../main/core/store/open-store';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { openBadInputStation, selfieRequest, upload, goodSelfie, type BadInputStation } from '../bad-input/bad-input-station';
import { agreedConsent } from '../support/consent';
import { bridgeProtocols, exchangeLaunchLink } from './bridge-client';

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: Record<string, string> } };

let station: BadInputStation;
let web: WebStation;
let ws: WebSocket;
let nextId = 1;
const frames: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'station-consent-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  station = await openBadInputStation();
  web = await startWebStation({ core: station.core, rendererDir: renderer, port: 0, log: silentLogger });
  const origin = `http://127.0.0.1:${web.port}`;
  const session = await exchangeLaunchLink(web.url);
  ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, bridgeProtocols(session.pageSecret), { headers: { origin, cookie: session.cookie } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
});
afterAll(async () => {
  ws?.close();
  await web?.close();
  await station?.close();
});

async function invoke(operation: string, payload?: unknown): Promise<Answer> {
  const id = nextId++;
  ws.send(JSON.stringify({ kind: 'invoke', id, operation, payload }));
  await expect.poll(() => frames.find((f) => f.kind === 'result' && f.id === id), { timeout: 20_000 }).toBeDefined();
  return frames.find((f) => f.kind === 'result' && f.id === id)!.result as Answer;
}
const queuedCount = () => Object.values(station.core.queue!.queue.counts()).reduce((sum, n) => sum + n, 0);
const { consent: _consent, ...withoutConsent } = selfieRequest('face.jpg');
const kycWithoutConsent = { service: 'kyc_passport', files: { selfie_image: upload('s.jpg', goodSelfie), passport_image: upload('p.jpg', goodSelfie) }, fields: {} };

describe("main refuses a face without the customer's consent (consent required, the default)", () => {
  it('liveness and KYC with no consent, with "declined", with a text version not in force: refused, nothing queued', async () => {
    const before = queuedCount();
    const attempts: Array<[string, unknown, RegExp]> = [
      ['no consent', withoutConsent, /record the customer’s answer to the consent text first/],
      ['KYC, no consent', kycWithoutConsent, /record the customer’s answer/],
      ['declined', { ...withoutConsent, consent: { ...agreedConsent(), answer: 'declined' } }, /declined/],
      ['a version never shown', { ...withoutConsent, consent: { ...agreedConsent(), version: 7 } }, /changed since the customer answered \(version 7, now 1\)/],
      ['answered in the future', { ...withoutConsent, consent: agreedConsent(Date.now() + 86_400_000) }, /in the future/],
    ];
    for (const [what, request, message] of attempts) {
      const answer = await invoke('verification:submit', request);
      expect(answer, what).toMatchObject({ ok: false, error: { code: 'consent-required', details: { field: 'consent' } } });
      expect(answer.error!.message, what).toMatch(message);
    }
    expect(queuedCount()).toBe(before);
  });

  it('a consent record that is not one (extra keys, unknown answer) is refused by the schema', async () => {
    const forged = await invoke('verification:submit', { ...withoutConsent, consent: { ...agreedConsent(), answer: 'yes' } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field: 'consent.answer' } } });
    const padded = await invoke('verification:submit', { ...withoutConsent, consent: { ...agreedConsent(), signature: 'x' } });
    expect(padded).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('"agreed" is queued; the answer is kept sealed with the record and audited with ids only', async () => {
    const consent = agreedConsent();
    const answer = await invoke('verification:submit', { ...withoutConsent, consent, customer: { reference: 'ACC-4471', name: 'Ingrid Consentsdottir' } });
    expect(answer).toMatchObject({ ok: true });
    const id = (answer.value as { id: string }).id;
    const detail = await invoke('history:detail', { id });
    expect(detail.value).toMatchObject({ consent, customer: { reference: 'ACC-4471', name: 'Ingrid Consentsdottir' }, subject: { name: 'Ingrid Consentsdottir' } });
    const audit = (await invoke('audit:list', { limit: 50 })).value as Array<{ action: string; details: Record<string, unknown> }>;
    const entry = audit.find((e) => e.action === 'consent' && e.details.verification === id);
    expect(entry?.details).toEqual({ verification: id, service: 'face_liveness', answer: 'agreed', language: 'en', version: 1, answeredAt: consent.at });
    expect(JSON.stringify(audit)).not.toMatch(/Ingrid|Consentsdottir|ACC-4471/);
    // Sealed: the database (and its write-ahead log) never hold the name or the reference in plain.
    const files = readdirSync(station.dataDir).filter((name) => name.startsWith(DATABASE_FILE));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(readFileSync(join(station.dataDir, name)).includes('Consentsdottir') || readFileSync(join(station.dataDir, name)).includes('ACC-4471'), name).toBe(false);
  });

  it('history finds the customer by name words and by exact reference; the queue names the customer', async () => {
    expect(((await invoke('history:search', { text: 'consentsdottir' })).value as unknown[]).length).toBe(1);
    expect(((await invoke('history:search', { text: 'ACC-4471' })).value as unknown[]).length).toBe(1);
    expect(((await invoke('history:search', { text: 'ACC-4472' })).value as unknown[]).length).toBe(0);
    const rows = (await invoke('queue:list')).value as Array<{ customer?: { name: string | null } }>;
    expect(rows.some((row) => row.customer?.name === 'Ingrid Consentsdottir')).toBe(true);
  });
});

describe('the customer fields at main', () => {
  it('register face without a customer name is refused; with one it is queued', async () => {
    const register = { ...selfieRequest('r.jpg'), service: 'register_face' };
    expect(await invoke('verification:submit', register)).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'customer.name' } } });
    expect(await invoke('verification:submit', { ...register, customer: { name: 'Rafael Registro' } })).toMatchObject({ ok: true });
  });

  it('a name with a right-to-left override or a newline, a reference over 64 characters: refused by name', async () => {
    for (const [customer, field] of [
      [{ name: 'Anna \u202Enossirre' }, 'customer.name'],
      [{ name: 'Anna\nEriksson' }, 'customer.name'],
      [{ reference: 'R'.repeat(65) }, 'customer.reference'],
    ] as const) {
      const answer = await invoke('verification:submit', { ...selfieRequest('c.jpg'), customer });
      expect(answer, JSON.stringify(customer)).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field } } });
    }
  });
});

describe('consent settings at main', () => {
  it('a changed text gets the next version whatever the request claims; then an answer to the old version is refused', async () => {
    const settings = (await invoke('settings:get')).value as { consent: { mode: string; texts: Record<'en' | 'fr' | 'ar', { text: string; version: number }> } };
    const texts = { ...settings.consent.texts, en: { text: `${settings.consent.texts.en.text}\nUpdated by the data-protection officer.`, version: 1 } };
    const saved = await invoke('settings:update', { consent: { mode: 'required', texts } });
    expect(saved).toMatchObject({ ok: true, value: { consent: { texts: { en: { version: 2 }, fr: { version: 1 }, ar: { version: 1 } } } } });
    const stale = await invoke('verification:submit', selfieRequest('stale.jpg'));
    expect(stale).toMatchObject({ ok: false, error: { code: 'consent-required' } });
    expect(await invoke('verification:submit', { ...selfieRequest('fresh.jpg'), consent: { ...agreedConsent(), version: 2 } })).toMatchObject({ ok: true });
  });

  it('consent off: a face needs no answer, but "declined" is still refused', async () => {
    const settings = (await invoke('settings:get')).value as { consent: { texts: unknown } };
    expect(await invoke('settings:update', { consent: { mode: 'off', texts: settings.consent.texts } })).toMatchObject({ ok: true });
    expect(await invoke('verification:submit', withoutConsent)).toMatchObject({ ok: true });
    expect(await invoke('verification:submit', { ...withoutConsent, consent: { ...agreedConsent(), answer: 'declined' } })).toMatchObject({ ok: false, error: { code: 'consent-required' } });
  });
});

describe('a declined consent at main', () => {
  it('is audited with the service and the text it answered, never the customer, and queues nothing', async () => {
    const before = queuedCount();
    const consent = { ...agreedConsent(), answer: 'declined' };
    expect(await invoke('consent:declined', { service: 'face_liveness', consent })).toEqual({ ok: true, value: true });
    const audit = (await invoke('audit:list', { limit: 50 })).value as Array<{ action: string; actor: string; details: Record<string, unknown> }>;
    const entry = audit.find((e) => e.action === 'consent' && e.details.answer === 'declined');
    expect(entry?.details).toEqual({ service: 'face_liveness', answer: 'declined', language: consent.language, version: consent.version, answeredAt: consent.at });
    expect(queuedCount()).toBe(before);
  });

  it('refuses what is not a declined answer to a face service: an "agreed" on its own, a service without a face, extra keys', async () => {
    const declined = { ...agreedConsent(), answer: 'declined' };
    expect(await invoke('consent:declined', { service: 'face_liveness', consent: agreedConsent() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', details: { field: 'consent.answer' } },
    });
    expect(await invoke('consent:declined', { service: 'background_check', consent: declined })).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field: 'service' } } });
    expect(await invoke('consent:declined', { service: 'face_liveness', consent: declined, customer: { name: 'Smuggled Name' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
