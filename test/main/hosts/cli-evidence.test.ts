/**
 * `station evidence export` and `station evidence verify`, the real commands on a real encrypted data
 * folder: the exported PDF verifies (exit 0); a copy with one byte changed, or a PDF the station never
 * exported, does not (exit 1): the attacker's doctored copy is caught.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFile, keyFileWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';
import { openSqliteQueue } from '../../../main/core/queue/sqlite-queue';
import { openHistory } from '../../../main/core/history/history';
import { runCli } from '../../../main/hosts/cli';
import { record, T0 } from '../core/history/history-fixtures';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('station evidence', () => {
  it('exports a PDF whose hash is in the audit log, verifies it, and refuses a changed copy', async () => {
    const data = mkdtempSync(join(tmpdir(), 'station-cli-evidence-'));
    const keyFile = join(mkdtempSync(join(tmpdir(), 'station-cli-evidence-key-')), 'k.key');
    createKeyFile(keyFile);
    const clock = { now: T0 };
    const store = openStore(data, keyFileWrapper(keyFile), { now: () => clock.now });
    const id = record(
      { dataDir: data, store, queue: openSqliteQueue(store, () => clock.now), clock, history: openHistory(store) },
      { person: { firstName: 'Anna', lastName: 'Schmidt' }, at: T0, verdict: 'not-verified' },
    );
    store.close();
    const args = ['--data', data, '--key-file', keyFile];
    const pdf = join(data, 'evidence.pdf');

    const exported = await station('evidence', 'export', id, '--out', pdf, ...args);
    expect(exported.code).toBe(0);
    const hash = /SHA-256 ([0-9a-f]{64})/.exec(exported.out)?.[1];
    expect(hash).toBeDefined();
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const good = await station('evidence', 'verify', pdf, ...args);
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain(`MATCHES: this is the evidence report of verification ${id}`);

    const doctored = Buffer.from(readFileSync(pdf));
    const middle = Math.floor(doctored.length / 2);
    doctored[middle] = doctored[middle]! ^ 0x01;
    writeFileSync(join(data, 'doctored.pdf'), doctored);
    const bad = await station('evidence', 'verify', join(data, 'doctored.pdf'), ...args);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('DOES NOT MATCH');

    // A real PDF that never came from this station.
    writeFileSync(join(data, 'other.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), doctored.subarray(9)]));
    expect((await station('evidence', 'verify', join(data, 'other.pdf'), ...args)).code).toBe(1);
    expect((await station('evidence', 'verify', join(data, 'missing.pdf'), ...args)).code).toBe(2);
    expect((await station('evidence', 'export', '00000000-0000-4000-8000-000000000000', '--out', join(data, 'x.pdf'), ...args)).code).toBe(1);
  });
});
