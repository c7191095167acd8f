/**
 * Five hundred verifications submitted at once against one station core: each queued exactly once,
 * the process's memory bounded, the station still answering.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import type { SubmitRequest } from '../../common/contract';
import { openBadInputStation, upload, type BadInputStation } from './bad-input-station';

const COUNT = 500;
const pageRequest = (filename: string, bytes: Uint8Array): SubmitRequest => ({ service: 'ocr_passport', files: { passport_image: upload(filename, bytes) }, fields: {} }) as SubmitRequest;
let station: BadInputStation;
let photo: Buffer;
let before: string;
beforeAll(async () => {
  // In memory where the machine has it: the cost under test is the queue's, not the disk's fsyncs.
  const memoryDisk = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  station = await openBadInputStation({ dataDir: mkdtempSync(join(memoryDisk, 'station-bad-bulk-')) });
  before = await station.submitValid('before.jpg');
  // Small but valid: the cost under test is the queue's, not the thumbnailer's. A document page, as
  // the intake looks for a face on every selfie: nor is it the face detector's.
  photo = await sharp({ create: { width: 480, height: 600, channels: 3, background: { r: 180, g: 150, b: 130 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
});
afterAll(async () => {
  await station.close();
  rmSync(station.dataDir, { recursive: true });
});

it(`${COUNT} submissions at once: every one queued exactly once, memory bounded, the station still answering`, async () => {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const results = (await Promise.all(Array.from({ length: COUNT }, (_, i) => station.core.dispatch('verification:submit', pageRequest(`bulk-${i}.jpg`, photo))))) as Array<Result<{ id: string }>>;
  const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;

  expect(results.filter((r) => !r.ok)).toEqual([]);
  const ids = results.flatMap((r) => (r.ok ? [r.value.id] : []));
  expect(new Set(ids).size).toBe(COUNT);
  const rows = station.core.queue!.queue.list({ limit: 2 * COUNT });
  expect(rows).toHaveLength(COUNT + 1);
  expect(rows.filter((row) => ids.includes(row.id))).toHaveLength(COUNT);
  expect(grownMb).toBeLessThan(300);
  expect(station.core.store!.audit.verify()).toMatchObject({ ok: true });
  await station.submitValid('after.jpg');
  await station.expectQueuedIntact();
}, 60_000);

it('the operator still sees all of them: the status counts every waiting verification and the queue lists the oldest', async () => {
  const waiting = COUNT + 2;
  expect(station.core.queue!.queue.list({ limit: 2 * waiting })).toHaveLength(waiting);
  expect(await station.core.dispatch('status:get', undefined)).toMatchObject({ ok: true, value: { queueSize: waiting } });
  const listed = (await station.core.dispatch('queue:list', undefined)) as Result<Array<{ id: string }>>;
  expect(listed.ok && listed.value.some((row) => row.id === before)).toBe(true);
});
