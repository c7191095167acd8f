/**
 * The evidence PDF, opened as a compliance officer's tools open it: `pdftotext` (poppler) reads the
 * file back, and the words that matter must be in it: verdict, customer, operator, service in words,
 * each check in words, the image hashes; and the words that must not be: the internal service id,
 * Progeny's "SUCCESS" task state beside a Not verified verdict, raw JSON (unless the appendix is
 * asked for). The export's SHA-256 is in the audit log, and a copy changed by one byte no longer
 * matches it (the attacker's attempt: a doctored copy passed off as the filed one).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportEvidencePdf, verifyEvidencePdf } from '../../../../main/core/history/evidence-pdf';
import { documentResult, openStation, T0, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/generated', name));
const scratch = mkdtempSync(join(tmpdir(), 'station-evidence-pdf-'));

/** The PDF's text as pdftotext reads it (layout kept, so a row's cells stay on one line). */
function pdfText(bytes: Uint8Array): string {
  const file = join(scratch, `${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** A KYC with passport by a named customer, sent by desk-7, finished Not verified. */
function notVerifiedPassport(s: Station): string {
  const { queue, clock } = s;
  clock.now = T0;
  const selfie = fixture('selfie-good-a.jpg');
  const passport = fixture('passport-1-1400.jpg');
  const id = queue.enqueue({
    service: 'kyc_passport',
    mode: 'live',
    operator: 'desk-7',
    files: { selfie_image: { bytes: selfie, filename: 'selfie.jpg', contentType: 'image/jpeg' }, passport_image: { bytes: passport, filename: 'passport.jpg', contentType: 'image/jpeg' } },
    fields: {},
    customer: { reference: 'C-20931', name: 'Éloïse Ngo-Martín' },
    consent: { answer: 'agreed', language: 'fr', version: 2, at: T0 },
    prechecks: {
      slots: {
        selfie_image: {
          role: 'selfie',
          verdict: 'warn',
          checks: [
            { id: 'face.size', verdict: 'warn' },
            { id: 'face.count', verdict: 'pass' },
          ],
        },
      },
      overridden: [],
    },
  });
  const step = (from: Parameters<typeof queue.repository.transition>[1], to: Parameters<typeof queue.repository.transition>[2], patch: Parameters<typeof queue.repository.transition>[3]) => {
    clock.now += 60_000;
    if (!queue.repository.transition(id, from, to, patch)) throw new Error(`${from} → ${to} refused`);
  };
  step('ready', 'submitting', { attempts: 1, attempt: { action: 'submit', outcome: 'sending' } });
  step('submitting', 'submitted', { taskId: 'task-1', submittedAt: clock.now, error: null, attempt: { action: 'submit', outcome: 'accepted' } });
  const result = documentResult('kyc_passport', 'not-verified', { firstName: 'ELOISE', lastName: 'NGO MARTIN', documentNumber: 'C01X00T47' });
  step('submitted', 'done', { result, finishedAt: clock.now + 60_000, error: null, attempt: { action: 'poll', outcome: 'SUCCESS after 3 polls' } });
  return id;
}

describe('evidence PDF', () => {
  it('reads back with verdict, customer, operator, the service and checks in words, the images and their hashes; no internal id, no SUCCESS, no raw JSON', async () => {
    station = openStation();
    const id = notVerifiedPassport(station);
    const exported = (await exportEvidencePdf(station.history, station.store.audit, id, 'supervisor-2', { locale: 'fr-FR', approvedBy: 'supervisor-2', now: T0 + 86_400_000 }))!;
    expect(Buffer.from(exported.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(exported.bytes);
    expect(text).toContain('Verdict: Not verified');
    expect(text).toContain('KYC with passport');
    expect(text).toContain('Éloïse Ngo-Martín');
    expect(text).toContain('C-20931');
    expect(text).toMatch(/Operator\s+desk-7/);
    expect(text).toMatch(/Export approved by\s+supervisor-2/);
    expect(text).toMatch(/Biometric consent\s+Customer agreed/);
    expect(text).toMatch(/Document valid and not expired\s+✗ Failed/);
    expect(text).toMatch(/Selfie matches the document portrait\s+✗ Failed/);
    expect(text).toMatch(/Images \(2\)/);
    for (const name of ['selfie-good-a.jpg', 'passport-1-1400.jpg']) expect(text).toContain(createHash('sha256').update(fixture(name)).digest('hex'));
    // The audit trail of this verification, in words.
    expect(text).toMatch(/Queued: KYC with passport \(live\)/);
    expect(text).toMatch(/Biometric consent: agreed/);
    // What the old HTML export got wrong.
    expect(text).not.toContain('kyc_passport');
    expect(text).not.toContain('SUCCESS');
    expect(text).not.toMatch(/[{}]\s*$|"status"/m);
    // The export is recorded with the file's hash and the number of images actually in it.
    const entry = station.store.audit.list().at(-1)!;
    expect(entry).toMatchObject({
      action: 'export',
      actor: 'supervisor-2',
      details: { format: 'evidence-pdf', verification: id, images: 2, sha256: exported.sha256, appendix: false, approvedBy: 'supervisor-2' },
    });
    expect(exported.sha256).toBe(createHash('sha256').update(exported.bytes).digest('hex'));
  });

  it('puts the raw responses in an appendix only when asked', async () => {
    station = openStation();
    const id = notVerifiedPassport(station);
    const withAppendix = pdfText((await exportEvidencePdf(station.history, station.store.audit, id, 'desk-7', { appendix: true }))!.bytes);
    expect(withAppendix).toContain('Appendix: responses as received');
    expect(withAppendix).toContain('"status": "SUCCESS"');
    const without = pdfText((await exportEvidencePdf(station.history, station.store.audit, id, 'desk-7', { appendix: false }))!.bytes);
    expect(without).not.toContain('Appendix');
  });

  it('verifies a filed copy against the recorded hash, and refuses a copy changed by one byte', async () => {
    station = openStation();
    const id = notVerifiedPassport(station);
    const exported = (await exportEvidencePdf(station.history, station.store.audit, id, 'desk-7'))!;
    expect(verifyEvidencePdf(station.store.audit, exported.bytes)).toMatchObject({ matches: true, verification: id, exportedBy: 'desk-7', sha256: exported.sha256 });
    const doctored = Uint8Array.from(exported.bytes);
    const at = Buffer.from(doctored).indexOf('Not verified');
    if (at > 0) doctored[at] = 'm'.charCodeAt(0);
    else doctored[doctored.length - 10] = doctored[doctored.length - 10]! ^ 1;
    expect(verifyEvidencePdf(station.store.audit, doctored)).toMatchObject({ matches: false });
    expect(await exportEvidencePdf(station.history, station.store.audit, '00000000-0000-4000-8000-000000000000', 'desk-7')).toBeNull();
  });
});

describe('evidence PDF: four-eyes', () => {
  it('names who approved sending despite failing advice, from the override’s own audit entry', async () => {
    station = openStation();
    station.clock.now = T0;
    const id = station.queue.enqueue({
      service: 'face_liveness',
      mode: 'live',
      operator: 'desk-7',
      files: { image: { bytes: fixture('selfie-good-a.jpg'), filename: 'selfie.jpg', contentType: 'image/jpeg' } },
      fields: {},
      customer: { name: 'Ana Example' },
      consent: { answer: 'agreed', language: 'en', version: 1, at: T0 },
      overrideReason: 'Customer cannot remove a medical eye patch',
      overrideChecks: ['face.eyes-open'],
      overrideApprovedBy: 'supervisor-9',
    });
    const text = pdfText((await exportEvidencePdf(station.history, station.store.audit, id, 'desk-7'))!.bytes);
    expect(text).toMatch(/Override approved by\s+supervisor-9/);
    expect(text).toMatch(/Operators involved\s+desk-7, supervisor-9/);
  });
});
