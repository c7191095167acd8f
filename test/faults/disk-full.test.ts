/**
 * The data disk fills up: a small tmpfs (root only) holds the data folder of a whole station core.
 * A submit must fail with an error that says so, leave nothing half-written, and harm nothing
 * already queued; once space is freed the station carries on.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SubmitRequest } from '../../common/contract';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { signedInSession } from '../support/sign-in';
import { openStore } from '../../main/core/store/open-store';
import { fixture } from '../main/analysis/analysis-env';
import { testWrapper } from './fault-station';
import { unusedLoopbackUrl } from './loopback-progeny';
import { agreedConsent } from '../support/consent';

/** Mounted at collection time, so the tests can be skipped (with the reason printed) where mount is refused. */
function mountSmallDisk(): { dir: string; reason: null } | { dir: null; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'station-fault-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, reason: null };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    return { dir: null, reason: `disk-full tests skipped: cannot mount a small tmpfs (${detail || 'mount failed'}); they need root` };
  }
}

const disk = mountSmallDisk();
if (disk.reason) console.warn(disk.reason);
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => {
  if (!disk.dir) return;
  try {
    execFileSync('umount', [disk.dir], { stdio: 'pipe' });
  } catch {
    // Something still holds a file open there (a failed test's store): detach it rather than leave it mounted.
    execFileSync('umount', ['--lazy', disk.dir]);
  }
  rmSync(disk.dir, { recursive: true });
});

const selfie = fixture('selfie-good-a.jpg');
const submission = (filename: string): SubmitRequest => ({
  service: 'face_liveness',
  files: { image: { filename, contentType: 'image/jpeg', data: selfie.toString('base64') } },
  fields: {},
  consent: agreedConsent(),
});

async function stationOnDisk(name: string): Promise<StationCore> {
  const dataDir = join(disk.dir!, name);
  mkdirSync(dataDir);
  const baseUrl = await unusedLoopbackUrl();
  const core = signedInSession(
    createStationCore({
      dataDir,
      log: silentLogger,
      store: openStore(dataDir, testWrapper()),
      progeny: { startTraining: () => Promise.resolve({ baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() }) },
    }),
  );
  cleanups.push(() => core.close());
  return core;
}

/** Writes until the disk refuses; returns the filler to delete. */
function fillDisk(): string {
  const filler = join(disk.dir!, 'filler');
  cleanups.push(() => rmSync(filler, { force: true }));
  const fd = openSync(filler, 'w');
  try {
    for (const size of [256 * 1024, 4096, 512]) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size, 0x5a));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** Files under `dir` whose names are not the blob store's own (temp files of an interrupted write). */
function strayFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/^[0-9a-f]{32}$/.test(entry.name))
    .map((entry) => entry.name);
}

describe('a full data disk', () => {
  it.skipIf(!disk.dir)('submit answers a specific error, the station keeps answering, and queued work is intact once space is freed', async () => {
    const core = await stationOnDisk('answers');
    const before = await core.dispatch('verification:submit', submission('before.jpg'));
    if (!before.ok) throw new Error(before.error.message);
    const { id } = before.value as { id: string };

    const filler = fillDisk();
    const refused = await core.dispatch('verification:submit', submission('during.jpg'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage-full', message: expect.stringMatching(/disk .*full/i) } });
    expect(await core.dispatch('queue:list', undefined)).toMatchObject({ ok: true, value: [{ id }] });

    rmSync(filler);
    expect(await core.dispatch('verification:submit', submission('after.jpg'))).toMatchObject({ ok: true });
    const queue = core.queue!.queue;
    expect(queue.list()).toHaveLength(2);
    expect(Buffer.from((await queue.repository.inputs(id)).files.image!.bytes).equals(selfie)).toBe(true);
    expect(core.store!.audit.verify()).toMatchObject({ ok: true });
  });

  it.skipIf(!disk.dir)('a submit that failed for space leaves no partly written file behind', async () => {
    const core = await stationOnDisk('leftovers');
    const filler = fillDisk();
    expect(await core.dispatch('verification:submit', submission('during.jpg'))).toMatchObject({ ok: false });
    rmSync(filler);
    expect(strayFiles(join(core.dataDir, 'blobs'))).toEqual([]);
    expect(core.queue!.queue.list()).toEqual([]);
  });
});
