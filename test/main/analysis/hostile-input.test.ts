import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precheck } from '../../../common/analysis/precheck';
import { InputFileError, readImageFile } from '../../../main/analysis/node-image';
import { fixture, nodeAnalysis } from './analysis-env';

afterAll(async () => (await nodeAnalysis()).close());
const dir = mkdtempSync(join(tmpdir(), 'station-hostile-'));

/** A sparse file of `size` bytes that starts like a JPEG: costs no disk, reads as huge. */
function sparseJpeg(name: string, size: number): string {
  const path = join(dir, name);
  writeFileSync(path, fixture('selfie-good-a.jpg').subarray(0, 4096));
  truncateSync(path, size);
  return path;
}

describe('hostile input, bounded in time and memory', () => {
  it.each([
    ['100 MB', 100 * 1024 * 1024],
    ['1 GB', 1024 * 1024 * 1024],
  ])('refuses a %s file from its size, reading only its head', async (_label, size) => {
    const env = await nodeAnalysis(); // models loaded first: their memory is not the file's
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const { bytes, totalBytes } = await readImageFile(sparseJpeg(`big-${size}.jpg`, size));
    const result = await precheck('selfie', bytes, env, totalBytes);
    expect(bytes.length).toBeLessThanOrEqual(256 * 1024);
    expect(result.checks.find((c) => c.id === 'file.bytes')).toMatchObject({ verdict: 'fail', hard: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('says a folder is a folder', async () => {
    await expect(readImageFile(dir)).rejects.toThrow(InputFileError);
    await expect(readImageFile(dir)).rejects.toThrow(/is a folder/);
  });

  it('says a missing file is missing', async () => {
    await expect(readImageFile(join(dir, 'nope.jpg'))).rejects.toThrow(/no such file/);
  });

  it('turns a decoder refusal into a specific hard failure', async () => {
    // Valid header and end marker around garbage: only the decoder can tell.
    const good = fixture('selfie-good-a.jpg');
    const corrupt = Buffer.concat([good.subarray(0, 600), Buffer.alloc(5000, 0x55), Buffer.from([0xff, 0xd9])]);
    const result = await precheck('selfie', corrupt, await nodeAnalysis());
    expect(result.checks.find((c) => c.id === 'file.decode')).toMatchObject({ verdict: 'fail', hard: true });
  });
});
