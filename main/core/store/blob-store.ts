import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { syncFolder, unlinkQuietly, writeFileAtomic } from './atomic-file';
import { TamperedCiphertextError } from './cipher';
import type { StationDatabase } from './database';
import { aad } from './schema';

/**
 * Images live as sealed files, `<dataDir>/blobs/<first two hex digits>/<id>`, not in SQLite: a
 * purge deletes a file instead of growing the database's free list, and the database stays small
 * enough to back up daily. Each file is sealed with AAD `blob:<id>`, so renaming or swapping
 * files is detected. The `blobs` table holds the metadata (which verification, which input).
 *
 * Order of operations keeps failures visible: put writes the file before the row (a crash leaves
 * an unreferenced sealed file, removed by sweepOrphans); delete removes the file before the row (a
 * crash leaves a row whose get() says "missing", never an image nobody knows about).
 */

export type BlobKind = 'image' | 'thumbnail' | 'portrait';

export interface BlobMeta {
  verificationId: string | null;
  kind: BlobKind;
  /** Which input the image is, e.g. 'selfie', 'document-front'. */
  field: string;
}

export interface BlobInfo extends BlobMeta {
  id: string;
  /** Plaintext size. */
  bytes: number;
  createdAt: number;
}

export class BlobMissingError extends Error {
  override readonly name = 'BlobMissingError';
  constructor(readonly id: string) {
    super(`image ${id} is missing from the blob store (deleted, or the blobs folder was moved)`);
  }
}

export class BlobTamperedError extends Error {
  override readonly name = 'BlobTamperedError';
  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`image ${id} failed its integrity check: the file was altered, swapped or sealed with another key`, options);
  }
}

export interface BlobStore {
  put(bytes: Uint8Array, meta: BlobMeta): string;
  get(id: string): Buffer;
  info(id: string): BlobInfo | null;
  listFor(verificationId: string): BlobInfo[];
  /** Links a blob put before its verification row existed. */
  attach(id: string, verificationId: string): void;
  delete(id: string): void;
  /** Count and plaintext bytes of the stored images. */
  size(): { count: number; bytes: number };
  /** Deletes sealed files that no row refers to (left by a crash during put) older than `olderThanMs`. */
  sweepOrphans(olderThanMs?: number): number;
}

const ID_PATTERN = /^[0-9a-f]{32}$/;
interface BlobRow {
  id: string;
  verification_id: string | null;
  kind: BlobKind;
  field: string;
  bytes: number;
  created_at: number;
}
const toInfo = (row: BlobRow): BlobInfo => ({ id: row.id, verificationId: row.verification_id, kind: row.kind, field: row.field, bytes: row.bytes, createdAt: row.created_at });

export function openBlobStore(dataDir: string, store: StationDatabase, now: () => number = Date.now): BlobStore {
  const { db, cipher } = store;
  const root = join(dataDir, 'blobs');
  mkdirSync(root, { recursive: true, mode: 0o700 });

  // Ids come back from the renderer; only our own format ever reaches the file system.
  const pathOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new BlobMissingError(id);
    return join(root, id.slice(0, 2), id);
  };
  const insert = db.prepare('INSERT INTO blobs (id, verification_id, kind, field, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const selectOne = db.prepare<[string], BlobRow>('SELECT * FROM blobs WHERE id = ?');
  const selectFor = db.prepare<[string], BlobRow>('SELECT * FROM blobs WHERE verification_id = ? ORDER BY created_at, id');
  const removeRow = db.prepare('DELETE FROM blobs WHERE id = ?');
  const attachRow = db.prepare('UPDATE blobs SET verification_id = ? WHERE id = ?');
  const totals = db.prepare<[], { count: number; bytes: number | null }>('SELECT count(*) AS count, sum(bytes) AS bytes FROM blobs');
  const exists = db.prepare<[string], 1>('SELECT 1 FROM blobs WHERE id = ?').pluck();

  return {
    put(bytes, meta) {
      const id = randomBytes(16).toString('hex');
      const file = pathOf(id);
      mkdirSync(join(root, id.slice(0, 2)), { recursive: true, mode: 0o700 });
      writeFileAtomic(file, cipher.seal(bytes, aad.blob(id)), { replace: false });
      try {
        insert.run(id, meta.verificationId, meta.kind, meta.field, bytes.byteLength, now());
      } catch (error) {
        unlinkQuietly(file);
        throw error;
      }
      return id;
    },
    get(id) {
      let sealed: Buffer;
      try {
        sealed = readFileSync(pathOf(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissingError(id);
        throw error;
      }
      try {
        return cipher.open(sealed, aad.blob(id));
      } catch (error) {
        if (error instanceof TamperedCiphertextError) throw new BlobTamperedError(id, { cause: error });
        throw error;
      }
    },
    info(id) {
      const row = ID_PATTERN.test(id) ? selectOne.get(id) : undefined;
      return row ? toInfo(row) : null;
    },
    listFor: (verificationId) => selectFor.all(verificationId).map(toInfo),
    attach(id, verificationId) {
      if (attachRow.run(verificationId, id).changes !== 1) throw new BlobMissingError(id);
    },
    delete(id) {
      const file = pathOf(id);
      try {
        unlinkSync(file);
        syncFolder(join(root, id.slice(0, 2)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      removeRow.run(id);
    },
    size() {
      const { count, bytes } = totals.get()!;
      return { count, bytes: bytes ?? 0 };
    },
    sweepOrphans(olderThanMs = 60 * 60_000) {
      let removed = 0;
      for (const shard of readdirSync(root)) {
        const folder = join(root, shard);
        if (!statSync(folder).isDirectory()) continue;
        for (const name of readdirSync(folder)) {
          const file = join(folder, name);
          // Young files may belong to a put() in progress in another process; leave them.
          if (now() - statSync(file).mtimeMs < olderThanMs) continue;
          if (ID_PATTERN.test(name) && exists.get(name)) continue;
          unlinkQuietly(file);
          removed++;
        }
      }
      return removed;
    },
  };
}
