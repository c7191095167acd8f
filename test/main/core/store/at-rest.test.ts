import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceSearchTokens } from '../../../../main/core/store/blind-index';
import { KeyRequiredError, openDataKey, passphraseWrapper } from '../../../../main/core/store/keyring';
import { DATABASE_FILE, KeyringMissingError, openStore } from '../../../../main/core/store/open-store';
import { VERIFICATION_SEALED_COLUMNS } from '../../../../main/core/store/schema';
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
    expect(store.audit.verify()).toEqual({ ok: true, entries: 3 });

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
