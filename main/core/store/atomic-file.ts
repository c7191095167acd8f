import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` so that `target` holds either the old content or the complete new content, even
 * across a crash or power cut: a private temp file in the same folder (mode 0600, created
 * exclusively), fsync, then a rename, then an fsync of the folder so the rename itself is durable.
 *
 * `replace: false` refuses to overwrite an existing target (hard link + unlink, which fails with
 * EEXIST atomically), so two processes racing to create the same file cannot replace each other's.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, { replace }: { replace: boolean }): void {
  const temp = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (error) {
    // A full disk fails here: the half-written temp file must not take what little space is left.
    closeSync(fd);
    unlinkQuietly(temp);
    throw error;
  }
  closeSync(fd);
  try {
    if (replace) renameSync(temp, target);
    else linkSync(temp, target);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
  if (!replace) unlinkQuietly(temp);
  syncFolder(dirname(target));
}

/** Makes a rename or unlink in `folder` durable. Windows cannot open a folder; NTFS journals renames. */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or never written: nothing to clean up.
  }
}
