/**
 * Issue 17, as the attacker: someone at a managed station (or a page that reached the bridge) tries
 * to change what the organisation's policy fixes: a server of their own, live mode on a
 * training-only desk, shorter retention, no idle lock, no consent, no four-eyes, another workflow.
 * Main refuses each over the real WebSocket bridge, even with an administrator signed in, and the
 * saved settings file is not touched.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_SETTINGS } from '../../common/contract';
import { silentLogger } from '../../main/core/logger';
import { loadPolicy } from '../../main/core/policy/policy-file';
import type { Policy } from '../../main/core/policy/policy-schema';
import { SETTINGS_FILE } from '../../main/core/settings';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { bridgeProtocols, exchangeLaunchLink, invoke } from './bridge-client';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
let core: StationCore | null = null;
let web: WebStation | null = null;
afterEach(async () => {
  await web?.close();
  await core?.close();
  web = core = null;
});

/** A web station under `policy` (or a policy file with this text), an administrator signed in on the page's bridge. */
async function managedStation(policy: Policy | string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-policy-attack-'));
  const file = join(dataDir, 'policy.json');
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  core = createStationCore({ dataDir, log: silentLogger, store: openStore(dataDir, passphraseWrapper('managed policy attacker test', FAST)), policy: loadPolicy({ file, explicit: true }) });
  const renderer = mkdtempSync(join(tmpdir(), 'station-policy-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  web = await startWebStation({ core, rendererDir: renderer, port: 0, log: silentLogger });
  const origin = `http://127.0.0.1:${web.port}`;
  const session = await exchangeLaunchLink(web.url);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, bridgeProtocols(session.pageSecret), { headers: { origin, cookie: session.cookie } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 1;
  const call = async (operation: string, payload?: unknown) => (await invoke(ws, id++, operation, payload)).result as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const admin = await call('account:create-first', { name: 'Ana Admin', secret: '482913' });
  expect(admin).toMatchObject({ ok: true });
  const savedSettings = () => readFileSync(join(dataDir, SETTINGS_FILE), 'utf8');
  return { call, file, savedSettings, ws };
}

const refusals: { name: string; policy: Policy; change: Record<string, unknown> }[] = [
  { name: 'a server the policy does not allow', policy: { allowedServers: ['https://be.progeny.tech/api/v3'] }, change: { serverUrl: 'https://attacker.example/api/v3' } },
  { name: 'live mode on a training-only station', policy: { mode: 'training-only' }, change: { mode: 'live' } },
  { name: 'training mode on a live-only station', policy: { mode: 'live-only' }, change: { mode: 'training' } },
  { name: 'retention below the minimum', policy: { retention: { minDays: 30, maxDays: 400 } }, change: { retention: { imagesDays: 1, recordsDays: 365 } } },
  { name: 'retention above the maximum', policy: { retention: { minDays: 30, maxDays: 400 } }, change: { retention: { imagesDays: 30, recordsDays: 3650 } } },
  { name: 'the idle lock off', policy: { idleLockMaxMinutes: 10 }, change: { idleLockMinutes: 0 } },
  { name: 'a longer idle lock', policy: { idleLockMaxMinutes: 10 }, change: { idleLockMinutes: 60 } },
  { name: 'automatic capture on', policy: { autoCapture: false }, change: { autoCapture: true } },
  { name: 'consent off', policy: { consent: 'required' }, change: { consent: { ...DEFAULT_SETTINGS.consent, mode: 'off' } } },
  { name: 'four-eyes approvals removed', policy: { approvalRequiredFor: ['override', 'forget', 'export', 'settings'] }, change: { approvals: [] } },
];

describe('a managed station over the bridge', () => {
  for (const { name, policy, change } of refusals) {
    it(`refuses ${name}`, async () => {
      const { call, file, savedSettings } = await managedStation(policy);
      const before = (await call('settings:get')).value;
      const saved = (() => {
        try {
          return savedSettings();
        } catch {
          return null;
        }
      })();
      // With an approver's name and secret too: the policy is not the supervisor's to lift.
      const answer = await call('settings:update', { ...change, approval: { name: 'Ana Admin', secret: '482913' } });
      expect(answer).toMatchObject({ ok: false, error: { code: 'policy-refused' } });
      expect(answer.error!.message).toContain(file);
      expect((await call('settings:get')).value).toEqual(before);
      expect(
        (() => {
          try {
            return savedSettings();
          } catch {
            return null;
          }
        })(),
      ).toBe(saved);
      const status = (await call('status:get')).value as { policy: { state: string; managed: string[] } };
      expect(status.policy.state).toBe('in-force');
    });
  }

  it('refuses a workflow the policy does not offer, before looking at the images', async () => {
    const { call } = await managedStation({ workflows: ['ocr_passport'] });
    const answer = await call('verification:submit', { service: 'face_liveness', files: {}, fields: {} });
    expect(answer).toMatchObject({ ok: false, error: { code: 'policy-refused' } });
    expect(((await call('status:get')).value as { policy: { workflows: string[] } }).policy.workflows).toEqual(['ocr_passport']);
  });

  it('a broken policy file keeps training mode, names the file and the problem, and refuses live mode', async () => {
    const { call, file } = await managedStation('{"mode": "live-only", "allowedServers": [}');
    const status = (await call('status:get')).value as { mode: string; policy: { state: string; file: string; problem: string } };
    expect(status.mode).toBe('training');
    expect(status.policy).toMatchObject({ state: 'invalid', file });
    expect(status.policy.problem).toMatch(/^it is not valid JSON/);
    const answer = await call('settings:update', { mode: 'live' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'policy-refused' } });
    expect(answer.error!.message).toContain(file);
    expect(((await call('settings:get')).value as { mode: string }).mode).toBe('training');
  });
});
