/**
 * After a real run (queue, drain against the sandbox, results stored), no file in the station's
 * data folder contains a customer's name, document number or image bytes in plaintext.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger';
import { createProgenyClient } from '../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../main/core/progeny/token-manager';
import { createDrainer } from '../../main/core/queue/drainer';
import { leaseHolder, openSqliteQueue } from '../../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { startSandbox } from '../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../main/analysis/analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [path];
  });
}

describe('encryption at rest after a run', () => {
  it('leaves no name, document number or image bytes in plaintext in the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-at-rest-'));
    const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'station-at-rest-sbx-')), taskDurationMs: 0, analysis: await nodeAnalysis() });
    const store = openStore(dataDir, passphraseWrapper('at rest passphrase', { N: 2 ** 14, r: 8, p: 1 }));
    const queue = openSqliteQueue(store);
    const passport = fixture('passport-1-1400.jpg');
    const selfie = fixture('selfie-good-a.jpg');
    const markers = ['Zyxwvutsmarker Quarkquark', 'Plantedname Ofcustomer'];
    queue.enqueue({
      service: 'kyc_passport',
      mode: 'live',
      operator: 'op',
      files: { selfie_image: { bytes: selfie, filename: 'selfie.jpg', contentType: 'image/jpeg' }, passport_image: { bytes: passport, filename: 'passport.jpg', contentType: 'image/jpeg' } },
    });
    for (const name of markers) queue.enqueue({ service: 'background_check', mode: 'live', operator: 'op', files: {}, fields: { fullname: name, birth_date: '1979-03-14' } });
    const http = createProgenyHttp({ baseUrl: sandbox.baseUrl });
    const drainer = createDrainer({
      repo: queue.repository,
      client: () => Promise.resolve(createProgenyClient({ http, tokens: createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) }) })),
      holder: leaseHolder(),
      log: silentLogger,
    });
    await drainer.drainDue();
    expect(queue.counts()).toEqual({ done: 3 });
    // The passport's holder, as Progeny (the sandbox) read it, is now in the sealed result and search index.
    expect(queue.result(queue.list()[2]!.id)?.document?.fields.lastName).toBe('MUSTERMANN');

    const secrets = [...markers, 'MUSTERMANN', 'Mustermann', 'C01X00T47', '1979-03-14', '1983-08-12'];
    // 64 bytes of compressed image data (varied bytes, not header padding) stand for the picture.
    const distinctive = (bytes: Buffer) => {
      for (let at = bytes.length - 4096; at > 0; at -= 64) {
        const slice = bytes.subarray(at, at + 64);
        if (new Set(slice).size > 40) return slice;
      }
      throw new Error('no distinctive slice');
    };
    const imageSlices = [distinctive(passport), distinctive(selfie)];
    const scan = () => {
      const files = everyFile(dataDir);
      expect(files.some((f) => f.endsWith('-wal') || f.endsWith('.sqlite'))).toBe(true);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const secret of secrets) {
          expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
        }
        for (const slice of imageSlices) expect(bytes.includes(slice), `image bytes in ${file}`).toBe(false);
      }
    };
    scan(); // while open, with the WAL in place
    store.close();
    scan();
    await sandbox.close();
  });
});
