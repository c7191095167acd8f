import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/default-settings';
import { purge } from '../../../../main/core/history/retention';
import { DAY, fakeJpeg, openStation, record, T0, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

const PERSON = { firstName: 'Retention', lastName: 'Tester', documentNumber: 'R0000001', dateOfBirth: '1980-01-01' };
const blobFile = (s: Station, id: string) => join(s.dataDir, 'blobs', id.slice(0, 2), id);

function rowsOf(s: Station, ids: readonly string[]) {
  const { db } = s.store.database;
  const count = (sql: string) => ids.reduce((sum, id) => sum + (db.prepare(sql).pluck().get(id) as number), 0);
  return {
    verifications: count('SELECT count(*) FROM verifications WHERE id = ?'),
    attempts: count('SELECT count(*) FROM attempts WHERE verification_id = ?'),
    tokens: count('SELECT count(*) FROM search_tokens WHERE verification_id = ?'),
    blobs: count('SELECT count(*) FROM blobs WHERE verification_id = ?'),
  };
}

/** Verifications of every kind, each with images; the ones at T0 are all "old" for the policy. */
function seed() {
  station = openStation();
  const s = station;
  const images = () => ({ selfie_image: fakeJpeg(), passport_image: fakeJpeg() });
  const ids = {
    oldDone: record(s, { person: PERSON, at: T0, images: images() }),
    oldCancelled: record(s, { person: PERSON, at: T0 + 1, images: images(), end: 'cancelled' }),
    recentDone: record(s, { person: PERSON, at: T0 + 20 * DAY, images: images() }),
    oldUnsent: record(s, { person: PERSON, at: T0 + 2, images: images(), end: 'ready' }),
    oldSubmitted: record(s, { person: PERSON, at: T0 + 3, images: images(), end: 'submitted' }),
    oldAttention: record(s, { person: PERSON, at: T0 + 4, images: images(), end: 'attention' }),
  };
  const blobsOf = (id: string) => s.store.blobs.listFor(id).map((b) => b.id);
  return { s, ids, blobsOf };
}

describe('retention purge', () => {
  it('deletes old images of finished records (files and rows), keeps the records, and never touches unfinished work', () => {
    const { s, ids, blobsOf } = seed();
    const oldImages = [...blobsOf(ids.oldDone), ...blobsOf(ids.oldCancelled)];
    const keptImages = [ids.recentDone, ids.oldUnsent, ids.oldSubmitted, ids.oldAttention].flatMap(blobsOf);
    const bytes = oldImages.reduce((sum, id) => sum + s.store.blobs.info(id)!.bytes + 29, 0);
    expect(oldImages.every((id) => existsSync(blobFile(s, id)))).toBe(true);

    const report = purge(s.store, { imagesAfterDays: 30, recordsAfterDays: 365, now: T0 + 31 * DAY, actor: 'desk-admin' });
    expect(report).toEqual({
      at: T0 + 31 * DAY,
      imagesCutoff: T0 + DAY,
      recordsCutoff: T0 + 31 * DAY - 365 * DAY,
      imagesDeleted: 4,
      recordsDeleted: 0,
      bytesFreed: bytes,
      skippedUnsent: 3,
      orphanFilesRemoved: 0,
      walTruncated: true,
    });
    expect(oldImages.some((id) => existsSync(blobFile(s, id)))).toBe(false);
    expect(oldImages.some((id) => s.store.blobs.info(id) !== null)).toBe(false);
    expect(keptImages.every((id) => existsSync(blobFile(s, id)) && s.store.blobs.info(id) !== null)).toBe(true);
    // The record stays, and says its images were removed and when.
    const detail = s.history.detail(ids.oldDone)!;
    expect(detail.images.map((i) => i.available)).toEqual([false, false]);
    expect(detail.attempts.at(-1)).toMatchObject({ action: 'retention', outcome: 'images deleted', at: T0 + 31 * DAY, detail: 'after 30 days' });
    expect(s.history.search()).toHaveLength(6);

    expect(s.store.audit.verify()).toMatchObject({ ok: true });
    const entry = s.store.audit.list().at(-1)!;
    expect(entry).toMatchObject({ action: 'purge', actor: 'desk-admin', details: { imagesDeleted: 4, recordsDeleted: 0, skippedUnsent: 3, imagesAfterDays: 30, recordsAfterDays: 365 } });
    expect(JSON.stringify(entry.details)).not.toMatch(/Retention|Tester|R0000001/);
  });

  it('deletes whole old records with every row and file, and keeps unfinished ones whatever their age', () => {
    const { s, ids, blobsOf } = seed();
    const finished = [ids.oldDone, ids.oldCancelled, ids.recentDone];
    const unfinished = [ids.oldUnsent, ids.oldSubmitted, ids.oldAttention];
    const finishedImages = finished.flatMap(blobsOf);
    const unfinishedImages = unfinished.flatMap(blobsOf);
    expect(rowsOf(s, finished)).toMatchObject({ verifications: 3, blobs: 6 });

    const report = purge(s.store, { imagesAfterDays: 30, recordsAfterDays: 365, now: T0 + 400 * DAY });
    expect(report).toMatchObject({ recordsDeleted: 3, imagesDeleted: 6, skippedUnsent: 3 });
    expect(rowsOf(s, finished)).toEqual({ verifications: 0, attempts: 0, tokens: 0, blobs: 0 });
    expect(finishedImages.some((id) => existsSync(blobFile(s, id)))).toBe(false);
    expect(unfinishedImages.every((id) => existsSync(blobFile(s, id)))).toBe(true);
    expect(rowsOf(s, unfinished)).toMatchObject({ verifications: 3, blobs: 6 });
    expect(
      s.history
        .search()
        .map((r) => r.id)
        .sort(),
    ).toEqual([...unfinished].sort());
    expect(
      s.history
        .search({ text: 'tester' })
        .map((r) => r.id)
        .sort(),
    ).toEqual([]);
    expect(s.history.detail(ids.oldDone)).toBeNull();

    // Nothing left to do: a second run changes nothing but is still audited.
    expect(purge(s.store, { imagesAfterDays: 30, recordsAfterDays: 365, now: T0 + 400 * DAY })).toMatchObject({ recordsDeleted: 0, imagesDeleted: 0, bytesFreed: 0, skippedUnsent: 3 });
    expect(s.store.audit.list().filter((e) => e.action === 'purge')).toHaveLength(2);
    expect(s.store.audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps everything when a rule is off (null), and rejects nonsense', () => {
    const { s } = seed();
    expect(purge(s.store, { imagesAfterDays: null, recordsAfterDays: null, now: T0 + 1000 * DAY })).toMatchObject({
      imagesDeleted: 0,
      recordsDeleted: 0,
      skippedUnsent: 0,
      imagesCutoff: null,
      recordsCutoff: null,
    });
    expect(purge(s.store, { imagesAfterDays: null, recordsAfterDays: 365, now: T0 + 366 * DAY })).toMatchObject({ recordsDeleted: 2, imagesDeleted: 4 });
    expect(() => purge(s.store, { imagesAfterDays: -1, recordsAfterDays: 365 })).toThrow(RangeError);
    expect(() => purge(s.store, { imagesAfterDays: Number.NaN, recordsAfterDays: 365 })).toThrow(RangeError);
    expect(DEFAULT_SETTINGS.retention).toEqual({ imagesDays: 30, recordsDays: 365 });
  });

  it('first removes image files a crash left without a row', () => {
    const { s } = seed();
    const orphan = join(s.dataDir, 'blobs', 'ab', 'ab'.padEnd(32, '0'));
    mkdirSync(join(s.dataDir, 'blobs', 'ab'), { recursive: true });
    writeFileSync(orphan, 'sealed bytes of an image whose row was committed away');
    utimesSync(orphan, new Date(T0), new Date(T0));
    // The sweep spares files younger than an hour by the store's clock (a put in progress elsewhere).
    s.clock.now = T0 + 31 * DAY;
    expect(purge(s.store, { imagesAfterDays: 30, recordsAfterDays: 365, now: T0 + 31 * DAY })).toMatchObject({ orphanFilesRemoved: 1 });
    expect(existsSync(orphan)).toBe(false);
  });
});
