/**
 * Upload file names are words an operator or a hostile page chose, never paths: unicode names,
 * path traversal and markup must be kept and shown as text, never used to touch the disk, and
 * never break the evidence export.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryDetail } from '../../common/contract';
import type { Result } from '../../common/result';
import { accept, startLoopbackProgeny, type LoopbackProgeny } from '../faults/loopback-progeny';
import { openBadInputStation, selfieRequest, type BadInputStation } from './bad-input-station';

const NAMES = {
  unicode: 'Séverine_😀_паспорт.jpg',
  traversal: '../../etc/passwd.jpg',
  absolute: '/tmp/station-owned.jpg',
  markup: '<img src=x onerror=alert(1)>.jpg',
};

// The data folder sits three levels down, so "../../" from it (or from blobs/) stays inside `root`.
const root = mkdtempSync(join(tmpdir(), 'station-bad-names-'));
const dataDir = join(root, 'a', 'b', 'data');
mkdirSync(dataDir, { recursive: true });
let server: LoopbackProgeny;
let station: BadInputStation;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startLoopbackProgeny();
  server.script('/services/face_liveness/', accept);
  station = await openBadInputStation({ dataDir, serverUrl: server.baseUrl });
  for (const [key, filename] of Object.entries(NAMES)) ids[key] = await station.submitValid(filename);
});
afterAll(async () => {
  await station.close();
  await server.close();
});

const allFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('upload file names', () => {
  it('are kept exactly as given, as the name of the stored image', async () => {
    for (const [key, filename] of Object.entries(NAMES)) {
      const detail = (await station.core.dispatch('history:detail', { id: ids[key] })) as Result<HistoryDetail>;
      expect(detail.ok && detail.value.images.find((image) => image.kind === 'image')?.filename).toBe(filename);
    }
  });

  it('never become paths: the blob store names files by random ids, nothing lands outside the data folder', () => {
    expect(allFiles(join(dataDir, 'blobs')).filter((path) => !/^[0-9a-f]{2}(\/[0-9a-f]{32})?$/.test(path))).toEqual([]);
    expect(allFiles(root).filter((path) => /passwd|station-owned|Séverine|onerror/.test(path))).toEqual([]);
    expect(existsSync(join(root, 'a', 'etc'))).toBe(false);
    expect(existsSync('/tmp/station-owned.jpg')).toBe(false);
  });

  it('are sent to Progeny as a bare file name (directories stripped, unicode intact)', async () => {
    await expect.poll(() => [...server.seen.keys()].sort(), { timeout: 10_000 }).toEqual(['<img src=x onerror=alert(1)>.jpg', 'Séverine_😀_паспорт.jpg', 'passwd.jpg', 'station-owned.jpg']);
  });

  it('do not break the evidence export, and markup in stored data stays text', async () => {
    const hostile = { ...selfieRequest(NAMES.markup), prechecks: { note: '<script>alert("evidence")</script>' } };
    const submitted = (await station.core.dispatch('verification:submit', hostile)) as Result<{ id: string }>;
    expect(submitted.ok).toBe(true);
    for (const id of [...Object.values(ids), submitted.ok ? submitted.value.id : '']) {
      const evidence = (await station.core.dispatch('history:evidence', { id })) as Result<{ filename: string; html: string }>;
      expect(evidence).toMatchObject({ ok: true, value: { filename: `evidence-${id}.html` } });
      if (!evidence.ok) continue;
      expect(evidence.value.html).not.toMatch(/<script>alert|<img src=x/);
    }
    await station.expectQueuedIntact();
  });
});
