import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { replaceSearchTokens } from '../../../../main/core/store/blind-index';
import { KeyRequiredError, openDataKey, passphraseWrapper } from '../../../../main/core/store/keyring';
import { DATABASE_FILE, KeyringMissingError, openStore } from '../../../../main/core/store/open-store';
import { VERIFICATION_SEALED_COLUMNS } from '../../../../main/core/store/schema';
import { startTrainingSandbox } from '../../../../main/hosts/training-sandbox';
import { FIXTURE_DIR } from '../../../fixtures/generate';
import { GERMAN_TD3_SPECIMEN } from '../../../fixtures/mrz-specimens';
import { FAST_SCRYPT, insertVerification, tempDir } from './helpers';

const PASSPHRASE = 'marker test passphrase';
const wrapper = () => passphraseWrapper(PASSPHRASE, FAST_SCRYPT);

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** Every encoding a careless write could leave on disk: UTF-8, UTF-16LE, and the blind index's lower case. */
const encodings = (marker: string) => [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le'), Buffer.from(marker.toLowerCase(), 'utf8')];
function filesContaining(dir: string, marker: string): string[] {
  return allFiles(dir).filter((file) => {
    const bytes = readFileSync(file);
    return encodings(marker).some((needle) => bytes.includes(needle));
  });
}

describe('nothing personal on disk in plaintext (marker test)', () => {
  it('keeps planted markers out of every file in the data folder, while open (incl. -wal) and after close', () => {
    const dataDir = tempDir('markers');
    const store = openStore(dataDir, wrapper());
    const markers: string[] = [];
    const plant = (what: string) => {
      const marker = `Planted${what.replace(/[^A-Za-z]/g, '')}X${randomBytes(6).toString('hex')}`;
      markers.push(marker);
      return marker;
    };
    // A plain column gets a control marker: proves the scan sees what SQLite wrote (WAL included).
    const control = `ControlOperator${randomBytes(6).toString('hex')}`;

    const { db } = store.database;
    for (let v = 0; v < 3; v++) {
      const id = `ver-${v}`;
      const name = plant(`name${v}`);
      const docNo = plant(`doc${v}`);
      insertVerification(db, store.cipher, { id, operator: control });
      const blobId = store.blobs.put(Buffer.concat([randomBytes(100), Buffer.from(plant(`imgutf${v}`)), Buffer.from(plant(`imgutfsixteen${v}`), 'utf16le'), randomBytes(100)]), {
        verificationId: id,
        kind: 'image',
        field: 'selfie',
      });
      const sealed = {
        inputs: { given_name: name, document_number: docNo, birth_date: plant(`dob${v}`), images: { selfie: blobId } },
        prechecks: { warnings: [plant(`precheck${v}`)] },
        override_reason: plant(`override${v}`),
        result: { normalised: { name: plant(`resultname${v}`) }, raw: { data: { mrz: plant(`raw${v}`) } } },
        subject: { name, documentNumber: docNo, birthDate: plant(`subjectdob${v}`) },
        error_fields: { document_number: [plant(`fielderror${v}`)] },
      };
      const set = VERIFICATION_SEALED_COLUMNS.map((c) => `${c} = ?`).join(', ');
      db.prepare(`UPDATE verifications SET ${set} WHERE id = ?`).run(...VERIFICATION_SEALED_COLUMNS.map((c) => store.cipher.sealJson(sealed[c], `verification:${id}:${c}`)), id);
      replaceSearchTokens(db, id, store.search.tokensFor([name, docNo]));
      store.audit.append({ actor: control, action: 'override', details: { verificationId: id, note: plant(`audit${v}`) } });
    }
    store.database.backupTo(join(dataDir, `${DATABASE_FILE}.bak-manual`));
    // Three planted entries after the 'store-upgrade' entry every store gets at its first open.
    expect(store.audit.verify()).toEqual({ ok: true, entries: 4 });

    const { key } = openDataKey(dataDir, wrapper());
    const secrets = [key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('base64')), Buffer.from(PASSPHRASE)];
    const scan = () => {
      expect(filesContaining(dataDir, control).length).toBeGreaterThan(0);
      for (const marker of markers) expect(filesContaining(dataDir, marker), marker).toEqual([]);
      for (const file of allFiles(dataDir)) for (const secret of secrets) expect(readFileSync(file).includes(secret), file).toBe(false);
    };

    // While open: the new rows sit in the -wal file, not yet checkpointed.
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(true);
    expect(filesContaining(dataDir, control)).toContain(join(dataDir, `${DATABASE_FILE}-wal`));
    scan();

    store.close();
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false); // checkpointed into the main file
    expect(filesContaining(dataDir, control)).toContain(join(dataDir, DATABASE_FILE));
    scan();

    // And the data is all still there for the right key.
    const reopened = openStore(dataDir, wrapper());
    const row = reopened.database.db.prepare("SELECT subject FROM verifications WHERE id = 'ver-0'").pluck().get() as Buffer;
    expect(reopened.cipher.openJson(row, 'verification:ver-0:subject')).toMatchObject({ name: markers[0] });
    reopened.close();
  });
});

/**
 * A GET, tried again when the connection was reset: while the engine holds the sandbox's event loop
 * (seconds on a busy 2-core machine), the server may drop the kept-alive socket as undici reuses it.
 */
async function getWithRetry(url: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, { headers });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Logs in to the training sandbox as the station's queue does, runs one service and waits for its result. */
async function runTrainingTask(baseUrl: string, service: string, files: Record<string, Buffer>, fields: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const login = new FormData();
  login.append('username', 'training');
  login.append('password', 'training');
  const { access } = (await (await fetch(`${baseUrl}/accounts/token/obtain/`, { method: 'POST', body: login })).json()) as { access: string };
  const headers = { Authorization: `Bearer ${access}` };
  const body = new FormData();
  for (const [name, bytes] of Object.entries(files)) body.append(name, new Blob([bytes]), `${name}.jpg`);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const posted = await fetch(`${baseUrl}/services/${service}/`, { method: 'POST', body, headers });
  expect(posted.status).toBe(200);
  const { id } = (await posted.json()) as { id: string };
  for (let i = 0; i < 400; i += 1) {
    const envelope = (await (await getWithRetry(`${baseUrl}/services/task/?id=${id}`, headers)).json()) as { status: string; result: { status: number; data: Record<string, unknown> } };
    if (envelope.status === 'SUCCESS') return envelope.result.data;
    if (envelope.status === 'FAILURE') throw new Error(`${service} failed in the sandbox`);
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${service} did not finish`);
}

describe('nothing personal on disk in plaintext: the training folder (issue 12)', () => {
  it('keeps the document, the portrait, the face registration and planted image markers out of <data>/training after training-mode verifications', async () => {
    const dataDir = tempDir('training-markers');
    const store = openStore(dataDir, wrapper());
    // What an older version left there in plaintext must not survive the next start either.
    const leftover = `PlantedLeftoverX${randomBytes(6).toString('hex')}`;
    mkdirSync(join(dataDir, 'training', 'media', 'images', 'services', 'kyc_passport'), { recursive: true });
    writeFileSync(join(dataDir, 'training', 'faces.json'), JSON.stringify({ version: 2, faces: {}, note: leftover }));
    writeFileSync(join(dataDir, 'training', 'media', 'images', 'services', 'kyc_passport', '1234567890.jpg'), Buffer.from(leftover));

    const sandbox = await startTrainingSandbox(dataDir, silentLogger);
    const imageMarker = `PlantedImageX${randomBytes(6).toString('hex')}`;
    // Bytes after the JPEG's end marker: decoders ignore them, a copy of the upload would keep them.
    const withMarker = (name: string) => Buffer.concat([readFileSync(join(FIXTURE_DIR, name)), Buffer.from(imageMarker), Buffer.from(imageMarker, 'utf16le')]);
    let portrait: Buffer;
    let registration: string;
    try {
      const kyc = await runTrainingTask(
        sandbox.baseUrl,
        'kyc_passport',
        { selfie_image: withMarker('selfie-good-a.jpg'), passport_image: withMarker('passport-1-1400.jpg') },
        { extend_data: 'false' },
      );
      const document = kyc.document as { firstName: string; documentNumber: string; portrait_url: string };
      expect(document).toMatchObject({ firstName: GERMAN_TD3_SPECIMEN.firstName.toUpperCase(), documentNumber: GERMAN_TD3_SPECIMEN.documentNumber });
      const served = await getWithRetry(document.portrait_url);
      expect(served.status).toBe(200); // still served while the station runs
      portrait = Buffer.from(await served.arrayBuffer());
      const registered = await runTrainingTask(sandbox.baseUrl, 'register_face', { image: withMarker('selfie-good-a.jpg') });
      registration = registered.uuid as string;
      expect(registration).toMatch(/^[0-9a-f-]{36}$/);
      const again = await runTrainingTask(sandbox.baseUrl, 'authenticate_face', { image: withMarker('selfie-good-a.jpg') }, { uuid: registration });
      expect(again).toMatchObject({ authentication: { result: true } }); // registered faces still work while it runs
    } finally {
      await sandbox.close();
      store.close();
    }

    const training = join(dataDir, 'training');
    // The last name is left out: the sandbox's fictional watchlist lists a Mustermann on purpose.
    const markers = [GERMAN_TD3_SPECIMEN.firstName, GERMAN_TD3_SPECIMEN.documentNumber, imageMarker, registration, leftover];
    for (const marker of markers) expect(filesContaining(dataDir, marker), marker).toEqual([]);
    const needles = [portrait, portrait.subarray(0, 64), Buffer.from([0xff, 0xd8, 0xff])];
    for (const file of allFiles(training)) for (const needle of needles) expect(readFileSync(file).includes(needle), file).toBe(false);
    // Only the sandbox's own fictional watchlist is a file there.
    expect(allFiles(training).map((file) => file.slice(training.length + 1))).toEqual(['watchlist.json']);
  });
});

describe('openStore', () => {
  it('refuses to open without a key, and refuses to make a new key for existing encrypted data', () => {
    const dataDir = tempDir('open-store');
    expect(() => openStore(dataDir, null)).toThrow(KeyRequiredError);
    const store = openStore(dataDir, wrapper());
    expect(store.key).toEqual({ kind: 'passphrase', created: true });
    store.close();
    expect(() => openStore(dataDir, null)).toThrow(KeyRequiredError);

    rmSync(join(dataDir, 'keyring.json'));
    expect(() => openStore(dataDir, wrapper())).toThrow(KeyringMissingError);
    expect(existsSync(join(dataDir, 'keyring.json'))).toBe(false);
  });
});
