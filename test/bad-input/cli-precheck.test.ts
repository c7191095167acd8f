/**
 * `station precheck selfie <file> --json` as a person runs it (a separate process of the built
 * CLI) on files that are not what they claim, huge, oddly named, or not files at all. Each ends
 * with a specific exit code and a message naming the problem, within bounded time and memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../fixtures/generate';
import { goodSelfie } from './bad-input-station';

const ROOT = resolve(import.meta.dirname, '../..');
const STATION = join(ROOT, 'bin', 'station.mjs');
const MB = 1024 * 1024;
/** Loaded before the CLI: reports the process's peak memory on stderr as it exits. */
const PEAK_MEMORY_PROBE = `data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'\\npeak-rss-kb='+process.resourceUsage().maxRSS+'\\n'))`;

const work = mkdtempSync(join(tmpdir(), 'station-bad-cli-'));
const fixturePath = (name: string) => join(FIXTURE_DIR, name);

/** A file of `size` bytes on disk whose first bytes are a real JPEG's: sparse, so it costs no space. */
function sparseJpeg(name: string, size: number): string {
  const path = join(work, name);
  const fd = openSync(path, 'w');
  writeSync(fd, goodSelfie.subarray(0, 64 * 1024));
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakRssMb: number;
}

/** Each run loads the analysis models (about a CPU-second): two at a time suit two cores. */
const MAX_RUNNING = 2;
let running = 0;
const waiting: Array<() => void> = [];
async function precheck(path: string): Promise<Run> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await runPrecheck(path);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runPrecheck(path: string): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', PEAK_MEMORY_PROBE, STATION, 'precheck', 'selfie', path, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) =>
    child.once('close', (code) => {
      const peak = /peak-rss-kb=(\d+)/.exec(stderr);
      done({ code, stdout, stderr: stderr.replace(/\s*peak-rss-kb=\d+\s*$/, '').trim(), ms: Date.now() - started, peakRssMb: peak ? Number(peak[1]) / 1024 : NaN });
    }),
  );
}

const report = (run: Run) => JSON.parse(run.stdout) as { verdict: string; blocked: boolean; checks: Array<{ id: string; verdict: string; message: string; hard?: boolean; fixable?: boolean }> };
const failed = (run: Run) => report(run).checks.filter((c) => c.verdict === 'fail');

beforeAll(() => {
  // Once, before the concurrent runs below: `station` itself rebuilds a stale build, and parallel rebuilds would collide.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (build.status !== 0) throw new Error(`the station build failed: ${build.stderr.toString()}`);
}, 120_000);

let reference: Promise<Run> | null = null;
/** A run on an empty file: the CLI's own footprint (node, the CLI and the models), to compare against. */
const referenceRun = () => (reference ??= precheck(fixturePath('hostile-zero-bytes.jpg')));

describe.concurrent('station precheck on bad input (separate processes)', () => {
  it('a GIF named .jpg: exit 1, a format failure that auto-fix can convert', async () => {
    const run = await precheck(fixturePath('hostile-gif-named.jpg'));
    expect(run.code, run.stderr).toBe(1);
    expect(failed(run)).toContainEqual(expect.objectContaining({ id: 'file.format', fixable: true, message: expect.stringMatching(/This is a GIF image; Progeny accepts only JPEG and PNG/) }));
  });

  it.each([
    ['an empty file', 'hostile-zero-bytes.jpg', 'file.format', /The file is empty \(0 bytes\)/],
    ['a truncated JPEG', 'hostile-truncated.jpg', 'file.integrity', /stops before the end of the image/],
    ['a text file named .png', 'hostile-text-named.png', 'file.format', /not an image this station can read/],
    ['a pixel bomb (30000x30000 PNG header)', 'hostile-bomb-30000.png', 'file.pixels', /declares 30000x30000 pixels/],
    ['an SVG carrying a script', 'hostile-script.svg', 'file.format', /SVG drawing.*can carry scripts/],
    ['a PDF', 'hostile-document.pdf', 'file.format', /PDF document, not a photo/],
    ['a HEIC photo', 'hostile-photo.heic', 'file.format', /HEIC photo/],
  ])('%s: exit 2, the failing check named', async (_label, name, check, message) => {
    const run = await precheck(fixturePath(name));
    expect(run.code, run.stderr).toBe(2);
    expect(report(run)).toMatchObject({ verdict: 'fail', blocked: true });
    expect(failed(run)).toContainEqual(expect.objectContaining({ id: check, hard: true, message: expect.stringMatching(message) }));
  });

  it.each([
    ['100 MB', 100 * MB],
    ['1 GB', 1024 * MB],
  ])('a %s file: judged from its head, quickly and in bounded memory', async (label, size) => {
    const [small, big] = await Promise.all([referenceRun(), precheck(sparseJpeg(`big-${label.replace(' ', '')}.jpg`, size))]);
    expect(big.code, big.stderr).toBe(2);
    expect(failed(big)).toEqual([expect.objectContaining({ id: 'file.bytes', hard: true, message: expect.stringMatching(/The file is \d+ MB: far larger than any photo/) })]);
    // Time is a weak witness on a shared machine (a sparse gigabyte reads fast); memory is the strong one.
    expect(big.ms).toBeLessThan(small.ms + 5_000);
    // Both load the same models; reading the file may add its 256 KB head, never the file.
    expect(big.peakRssMb - small.peakRssMb).toBeLessThan(64);
  });

  it('a folder instead of a file: exit 2, says it is a folder', async () => {
    const run = await precheck(work);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`station precheck: ${work} is a folder, not an image file`);
  });

  it('a file that does not exist: exit 2, says so', async () => {
    const run = await precheck(join(work, 'nowhere.jpg'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no such file: ${join(work, 'nowhere.jpg')}`);
  });

  it('a good photo under a unicode name: read like any other (exit 0)', async () => {
    const path = join(work, 'Séverine_😀_паспорт.jpg');
    copyFileSync(fixturePath('selfie-good-a.jpg'), path);
    const run = await precheck(path);
    expect(run.code, run.stderr).toBe(0);
    expect(report(run)).toMatchObject({ verdict: 'pass', blocked: false });
  });
});

/** `station precheck <role> <files…> [flags]` as one process. */
function runBatch(role: string, files: string[], flags: string[] = []): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [STATION, 'precheck', role, ...files, ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr: stderr.trim(), ms: Date.now() - started, peakRssMb: NaN })));
}

describe('station precheck on many files in one process', () => {
  const photos = [fixturePath('selfie-good-a.jpg'), resolve(ROOT, 'node_modules/@vladmandic/face-api/demo/sample1.jpg'), resolve(ROOT, 'node_modules/@vladmandic/face-api/demo/sample6.jpg')];

  it('--json prints one JSON report per line, each with its path, in order', async () => {
    const run = await runBatch('selfie', photos, ['--json']);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; verdict: string; checks: Array<{ verdict: string; fixable?: boolean }> });
    expect(lines.map((l) => l.path)).toEqual(photos);
    const anyFail = lines.some((l) => l.verdict === 'fail');
    expect(run.code, run.stderr).toBe(anyFail ? 1 : 0);
    expect(lines[0]?.verdict).not.toBe('fail');
  });

  it('loads the models once: six files take far less than six single runs', async () => {
    const single = await runBatch('selfie', [photos[0]!], ['--json']);
    const batch = await runBatch('selfie', [...photos, ...photos], ['--json']);
    expect(batch.stdout.trim().split('\n')).toHaveLength(6);
    // Each single run pays the model load (about a CPU-second); the batch pays it once.
    expect(batch.ms).toBeLessThan(single.ms * 6 * 0.75);
  });

  it('exit 1 when a file fails a check, 2 when a file cannot be read (2 wins), naming the file', async () => {
    const failing = await runBatch('selfie', [photos[0]!, fixturePath('hostile-gif-named.jpg')]);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout).toContain(fixturePath('hostile-gif-named.jpg'));
    const missing = join(work, 'absent.jpg');
    const mixed = await runBatch('selfie', [fixturePath('hostile-gif-named.jpg'), missing, photos[0]!], ['--json']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`no such file: ${missing}`);
    expect(
      mixed.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { path: string }).path),
    ).toEqual([fixturePath('hostile-gif-named.jpg'), missing, photos[0]]);
  });

  it('refuses --fix with more than one file', async () => {
    const run = await runBatch('selfie', photos.slice(0, 2), ['--fix', join(work, 'out.jpg')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fix writes one repaired image, so it takes a single file \(2 given\)/);
  });
});
