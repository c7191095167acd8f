import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobMissingError, BlobTamperedError, openBlobStore } from '../../../../main/core/store/blob-store';
import { openDatabase, type StationDatabase } from '../../../../main/core/store/database';
import { insertVerification, randomCipher, tempDir } from './helpers';

let store: StationDatabase | undefined;
afterEach(() => store?.close());
function setup() {
  const dataDir = tempDir('blobs');
  store = openDatabase(join(dataDir, 'station.sqlite'), { cipher: randomCipher(), backups: false });
  insertVerification(store.db, store.cipher, { id: 'v1' });
  return { dataDir, blobs: openBlobStore(dataDir, store), db: store.db };
}
const fileOf = (dataDir: string, id: string) => join(dataDir, 'blobs', id.slice(0, 2), id);

describe('blob store', () => {
  it('round-trips an image through a sealed file and records its metadata', () => {
    const { dataDir, blobs } = setup();
    const jpeg = randomBytes(50_000);
    const id = blobs.put(jpeg, { verificationId: 'v1', kind: 'image', field: 'selfie' });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(blobs.get(id)).toEqual(jpeg);
    expect(blobs.info(id)).toMatchObject({ id, verificationId: 'v1', kind: 'image', field: 'selfie', bytes: 50_000 });
    expect(blobs.listFor('v1').map((b) => b.id)).toEqual([id]);
    expect(blobs.size()).toEqual({ count: 1, bytes: 50_000 });
    const onDisk = readFileSync(fileOf(dataDir, id));
    expect(onDisk.length).toBe(50_000 + 29);
    expect(onDisk.includes(jpeg.subarray(0, 64))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(fileOf(dataDir, id)).mode & 0o777).toBe(0o600);
    // No temp files are left behind by the atomic write.
    expect(readdirSync(join(dataDir, 'blobs', id.slice(0, 2)))).toEqual([id]);
  });

  it('detects a flipped byte and a swapped file', () => {
    const { dataDir, blobs } = setup();
    const a = blobs.put(Buffer.from('image A'), { verificationId: 'v1', kind: 'image', field: 'document-front' });
    const b = blobs.put(Buffer.from('image B'), { verificationId: 'v1', kind: 'image', field: 'document-back' });
    const bytes = readFileSync(fileOf(dataDir, a));
    bytes[20]! ^= 0x80;
    writeFileSync(fileOf(dataDir, a), bytes);
    expect(() => blobs.get(a)).toThrow(BlobTamperedError);

    writeFileSync(fileOf(dataDir, a), readFileSync(fileOf(dataDir, b)));
    expect(() => blobs.get(a)).toThrow(BlobTamperedError);
    expect(blobs.get(b).toString()).toBe('image B');
  });

  it('reports missing blobs and refuses ids that are not ours', () => {
    const { dataDir, blobs } = setup();
    const id = blobs.put(Buffer.from('x'), { verificationId: null, kind: 'thumbnail', field: 'selfie' });
    renameSync(fileOf(dataDir, id), join(dataDir, 'moved'));
    expect(() => blobs.get(id)).toThrow(BlobMissingError);
    expect(() => blobs.get('../../station.sqlite')).toThrow(BlobMissingError);
    expect(blobs.info('../../etc/passwd')).toBeNull();
  });

  it('deletes file and row; a verification cannot be deleted while its images remain', () => {
    const { dataDir, blobs, db } = setup();
    const id = blobs.put(Buffer.from('x'), { verificationId: 'v1', kind: 'portrait', field: 'document-front' });
    expect(() => db.prepare("DELETE FROM verifications WHERE id = 'v1'").run()).toThrow(/FOREIGN KEY/);
    blobs.delete(id);
    expect(existsSync(fileOf(dataDir, id))).toBe(false);
    expect(blobs.info(id)).toBeNull();
    expect(() => blobs.get(id)).toThrow(BlobMissingError);
    blobs.delete(id); // idempotent
    db.prepare("DELETE FROM verifications WHERE id = 'v1'").run();
    expect(blobs.size()).toEqual({ count: 0, bytes: 0 });
  });

  it('attaches a blob put before its verification existed', () => {
    const { blobs } = setup();
    const id = blobs.put(Buffer.from('x'), { verificationId: null, kind: 'image', field: 'selfie' });
    blobs.attach(id, 'v1');
    expect(blobs.listFor('v1').map((b) => b.id)).toEqual([id]);
    expect(() => blobs.attach('0'.repeat(32), 'v1')).toThrow(BlobMissingError);
  });

  it('sweeps sealed files that no row refers to, but not young ones', () => {
    const { dataDir, blobs } = setup();
    const kept = blobs.put(Buffer.from('kept'), { verificationId: 'v1', kind: 'image', field: 'selfie' });
    const orphan = 'ab'.repeat(16);
    const orphanFile = fileOf(dataDir, orphan);
    writeFileSync(join(dataDir, 'blobs', kept.slice(0, 2), '.stale.tmp-1'), 'partial');
    blobs.put(Buffer.from('young'), { verificationId: null, kind: 'image', field: 'selfie' });
    // Simulate a crash between writing the file and inserting its row, two hours ago.
    mkdirSync(join(dataDir, 'blobs', 'ab'), { recursive: true });
    writeFileSync(orphanFile, 'sealed bytes');
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(orphanFile, old, old);
    utimesSync(join(dataDir, 'blobs', kept.slice(0, 2), '.stale.tmp-1'), old, old);
    utimesSync(fileOf(dataDir, kept), old, old);

    expect(blobs.sweepOrphans()).toBe(2);
    expect(existsSync(orphanFile)).toBe(false);
    expect(blobs.get(kept).toString()).toBe('kept');
    expect(blobs.size().count).toBe(2);
  });
});
