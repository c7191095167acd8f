import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { findCustomerRecords, forgetCustomer } from '../../../../main/core/history/retention';
import { listBackups } from '../../../../main/core/store/database';
import { DAY, fakeJpeg, filesContaining, openStation, record, T0, type Person, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

const blobFile = (s: Station, id: string) => join(s.dataDir, 'blobs', id.slice(0, 2), id);
const marker = (label: string) => `${label}${randomBytes(5).toString('hex')}`;

describe('forget this customer', () => {
  it('erases every record, image, token and backup row of one person, leaves everyone else, and keeps the audit chain intact', () => {
    const first = openStation();
    // Markers make the person's plaintext unique, so a scan can look for it byte by byte.
    const person: Person = { firstName: marker('Forgotten'), lastName: marker('Customer'), documentNumber: marker('DOC').toUpperCase(), dateOfBirth: '1985-06-07' };
    const namesake: Person = { ...person, documentNumber: undefined, dateOfBirth: '1950-01-01' }; // same name, other birth date
    const relative: Person = { firstName: 'Other', lastName: person.lastName, documentNumber: 'REL000001', dateOfBirth: '1985-06-07' };
    const stranger: Person = { firstName: 'Unrelated', lastName: 'Person', documentNumber: 'UNR000001', dateOfBirth: '1970-01-01' };
    const images = () => ({ selfie_image: fakeJpeg(person.firstName), passport_image: fakeJpeg(person.lastName) });
    const target = [
      record(first, { person, at: T0, images: images(), overrideReason: `Reason mentioning ${person.lastName}` }),
      record(first, { service: 'background_check', person, at: T0 + 1000 }),
      record(first, { service: 'background_check', person, at: T0 + 2000, end: 'ready' }),
    ];
    const others = [
      record(first, { service: 'background_check', person: namesake, at: T0 + 3000 }),
      record(first, { person: relative, at: T0 + 4000, images: { selfie_image: fakeJpeg() } }),
      record(first, { person: stranger, at: T0 + 5000, images: { selfie_image: fakeJpeg() } }),
    ];
    first.store.close();
    // Reopening on the next day takes the daily backup: from now on a copy holds the person too.
    station = openStation(first.dataDir, T0 + DAY);
    const s = station;
    const { db } = s.store.database;
    expect(listBackups(s.store.database.file).length).toBeGreaterThanOrEqual(2);

    // What must be gone afterwards: the sealed columns, the sealed image files, the person's own index tokens.
    const sealedColumns = target.flatMap((id) =>
      Object.values(db.prepare<[string], Record<string, Buffer | null>>('SELECT inputs, prechecks, override_reason, result, subject FROM verifications WHERE id = ?').get(id)!).filter(
        (b): b is Buffer => b !== null,
      ),
    );
    const targetBlobs = target.flatMap((id) => s.store.blobs.listFor(id).map((b) => b.id));
    const sealedFiles = targetBlobs.map((id) => readFileSync(blobFile(s, id)));
    const placeholders = target.map(() => '?').join(', ');
    const ownTokens = db
      .prepare<string[], Buffer>(`SELECT token FROM search_tokens WHERE verification_id IN (${placeholders}) EXCEPT SELECT token FROM search_tokens WHERE verification_id NOT IN (${placeholders})`)
      .pluck()
      .all(...target, ...target);
    const secrets = [...sealedColumns.map((b) => b.subarray(13, 45)), ...sealedFiles.map((b) => b.subarray(13, 45)), ...ownTokens];
    expect(sealedColumns.length).toBeGreaterThanOrEqual(7);
    expect(targetBlobs).toHaveLength(2);
    expect(ownTokens.length).toBeGreaterThan(10);
    // The scan is not vacuous: before the forget, the backup and the database hold these bytes.
    expect(filesContaining(s.dataDir, sealedColumns.find((b) => b.length > 100)!.subarray(13, 45)).some((f) => f.includes('.bak-'))).toBe(true);
    const control = db.prepare<[string], Buffer>('SELECT subject FROM verifications WHERE id = ?').pluck().get(others[1]!)!.subarray(13, 45);

    const query = { name: `${person.lastName} ${person.firstName}`, documentNumber: person.documentNumber!.toLowerCase(), dateOfBirth: '1985-06-07' };
    expect(findCustomerRecords(s.store, query)).toEqual([...target].sort());
    const report = forgetCustomer(s.store, query, 'desk-admin', T0 + DAY);
    expect(report).toMatchObject({
      verificationIds: [...target].sort(),
      recordsDeleted: 3,
      imagesDeleted: 2,
      unfinishedErased: 1,
      unreadableCandidates: 0,
      backups: { scrubbed: 1, deleted: 0 },
      walTruncated: true,
    });
    expect(report.bytesFreed).toBe(sealedFiles.reduce((sum, b) => sum + b.length, 0));

    // Rows and files gone.
    for (const table of ['verifications WHERE id', 'attempts WHERE verification_id', 'search_tokens WHERE verification_id', 'blobs WHERE verification_id']) {
      expect(
        db
          .prepare(`SELECT count(*) FROM ${table} IN (${placeholders})`)
          .pluck()
          .get(...target),
      ).toBe(0);
    }
    expect(targetBlobs.some((id) => existsSync(blobFile(s, id)))).toBe(false);
    // Nothing in the data folder (database, WAL, backups, blobs) holds any of it, sealed or plain.
    for (const secret of secrets) expect(filesContaining(s.dataDir, secret)).toEqual([]);
    for (const text of [person.firstName, person.lastName, person.documentNumber!]) {
      for (const needle of [Buffer.from(text), Buffer.from(text.toLowerCase()), Buffer.from(text, 'utf16le')]) expect(filesContaining(s.dataDir, needle)).toEqual([]);
    }
    expect(filesContaining(s.dataDir, control).length).toBeGreaterThan(0);

    // Everyone else is untouched: records, images, search.
    expect(
      s.history
        .search()
        .map((r) => r.id)
        .sort(),
    ).toEqual([...others].sort());
    expect(
      s.history
        .search({ text: person.lastName })
        .map((r) => r.id)
        .sort(),
    ).toEqual([others[0]!, others[1]!].sort());
    for (const id of others.slice(1)) expect(s.history.detail(id)!.images.every((i) => i.available && existsSync(blobFile(s, i.blobId)))).toBe(true);

    // The audit trail verifies and names no one.
    expect(s.store.audit.verify()).toMatchObject({ ok: true });
    const entry = s.store.audit.list().at(-1)!;
    expect(entry).toMatchObject({ action: 'forget', actor: 'desk-admin', details: { verifications: [...target].sort(), recordsDeleted: 3, imagesDeleted: 2 } });

    // The scrubbed backup is still a usable database with the other people in it.
    const backup = new Database(listBackups(s.store.database.file)[0], { readonly: true });
    expect(backup.prepare('SELECT id FROM verifications ORDER BY id').pluck().all()).toEqual([...others].sort());
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    backup.close();
  });

  it('matches the person, not look-alikes: prefixes, other birth dates and other document numbers are left alone', () => {
    station = openStation();
    const s = station;
    const anna = record(s, { person: { firstName: 'Anna', lastName: 'Muster', documentNumber: 'A 123 456', dateOfBirth: '1990-01-02' }, at: T0 });
    const annaBackground = record(s, { service: 'background_check', person: { firstName: 'Anna', lastName: 'Muster', dateOfBirth: '1990-01-02' }, at: T0 + 1 });
    const annaMustermann = record(s, { person: { firstName: 'Anna', lastName: 'Mustermann', documentNumber: 'B999', dateOfBirth: '1990-01-02' }, at: T0 + 2 });
    const otherAnnaMuster = record(s, { person: { firstName: 'Anna', lastName: 'Muster', documentNumber: 'C777', dateOfBirth: '1990-01-02' }, at: T0 + 3 });
    const find = (query: Parameters<typeof findCustomerRecords>[1]) => findCustomerRecords(s.store, query);

    // Word order, case and punctuation do not matter; a prefix ("Muster" in "Mustermann") is not a match.
    expect(find({ name: 'muster ANNA', documentNumber: 'A123456' })).toEqual([anna, annaBackground].sort());
    // Name alone: every Anna Muster, whatever her document.
    expect(find({ name: 'Anna Muster' })).toEqual([anna, annaBackground, otherAnnaMuster].sort());
    // Document number alone: only that document.
    expect(find({ documentNumber: 'a-123-456' })).toEqual([anna]);
    // A different birth date contradicts.
    expect(find({ name: 'Anna Muster', dateOfBirth: '1991-01-02' })).toEqual([]);
    expect(find({ name: 'Anna Mustermann' })).toEqual([annaMustermann]);
    expect(() => find({ dateOfBirth: '1990-01-02' })).toThrow(TypeError);

    // Nobody found: nothing deleted, and the request is still on the audit trail.
    expect(forgetCustomer(s.store, { name: 'Nobody Here' }, 'desk-admin')).toMatchObject({ recordsDeleted: 0, verificationIds: [], backups: { scrubbed: 0, deleted: 0 } });
    expect(s.store.audit.list().at(-1)).toMatchObject({ action: 'forget', details: { recordsDeleted: 0 } });
    expect(s.history.search()).toHaveLength(4);
    expect(s.store.audit.verify()).toMatchObject({ ok: true });
  });

  it('deletes a backup it cannot scrub rather than leave the person in it', () => {
    const first = openStation();
    const person = { firstName: 'Backup', lastName: 'Case', documentNumber: 'BK000001' };
    record(first, { person, at: T0 });
    first.store.close();
    station = openStation(first.dataDir, T0 + DAY);
    const [newest] = listBackups(station.store.database.file);
    writeFileSync(newest!, Buffer.concat([readFileSync(newest!).subarray(0, 100), randomBytes(4096)])); // damaged copy
    const report = forgetCustomer(station.store, { documentNumber: 'BK000001' }, 'desk-admin');
    expect(report.recordsDeleted).toBe(1);
    expect(report.backups.deleted).toBe(1);
    expect(existsSync(newest!)).toBe(false);
  });
});
