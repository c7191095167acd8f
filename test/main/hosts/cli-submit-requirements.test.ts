/**
 * `station submit` goes through the same intake as the screen's Submit: an image that breaks one of
 * Progeny's requirements is refused (exit 1, the reason in words) and nothing is queued.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/hosts/cli';
import { FIXTURE_DIR } from '../../fixtures/generate';
import { nonconformingSelfies, type Nonconforming } from '../../support/nonconforming-images';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const data = mkdtempSync(join(tmpdir(), 'station-cli-requirements-'));
const files = mkdtempSync(join(tmpdir(), 'station-cli-requirements-files-'));
const keyFile = join(files, 'k.key');
// Training mode on a fresh folder; nothing here sends, so no sandbox is started.
const common = () => ['--data', data, '--key-file', keyFile];
const saved = { ...process.env };
let images: Array<Nonconforming & { path: string }>;

beforeAll(async () => {
  delete process.env.PROGENY_BASE_URL;
  delete process.env.STATION_PASSPHRASE;
  expect((await station('key', 'create', keyFile)).code).toBe(0);
  images = (await nonconformingSelfies()).map((image, i) => {
    const path = join(files, `image-${i}.jpg`);
    writeFileSync(path, image.bytes);
    return { ...image, path };
  });
});
afterAll(() => {
  process.env = saved;
});

describe("station submit checks Progeny's requirements", () => {
  it('refuses each nonconforming selfie for liveness with the reason, and queues nothing', async () => {
    for (const image of images) {
      const { code, err, out } = await station('submit', 'face_liveness', '--file', `image=${image.path}`, ...common());
      expect({ name: image.name, code, out }).toEqual({ name: image.name, code: 1, out: '' });
      expect(err, image.name).toMatch(/^station submit: refused: image: /);
      expect(err, image.name).toMatch(image.refusal);
    }
    expect((await station('queue', ...common())).out).toBe('The queue is empty.');
  });

  it('refuses a file that is not JPEG or PNG by its bytes, whatever its name says', async () => {
    const { code, err } = await station('submit', 'face_liveness', '--file', `image=${join(FIXTURE_DIR, 'hostile-gif-named.jpg')}`, ...common());
    expect(code).toBe(1);
    expect(err).toMatch(/This is a GIF image; Progeny accepts only JPEG and PNG.*Progeny requires a JPEG or PNG image/);
  });

  it('queues a conforming selfie', async () => {
    const { code, out } = await station('submit', 'face_liveness', '--file', `image=${join(FIXTURE_DIR, 'selfie-good-a.jpg')}`, ...common());
    expect(code).toBe(0);
    expect(out).toMatch(/^[0-9a-f-]{36}$/);
    expect((await station('queue', ...common())).out).toMatch(/face_liveness +ready/);
  });
});
