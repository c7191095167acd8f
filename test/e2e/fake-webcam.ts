/**
 * The e2e tests' webcam: Chromium plays a Y4M file as its fake capture device. It is made from a
 * real sample photo (a selfie fixture, itself from face-api's sample images), placed on a 1080p
 * landscape frame the way a desk webcam would see the customer.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';

const WIDTH = 1920;
const HEIGHT = 1080;
const FRAMES = 2;

export const FAKE_WEBCAM_Y4M = resolve(import.meta.dirname, '../fixtures/generated/webcam-selfie.y4m');
const SOURCE = resolve(import.meta.dirname, '../fixtures/generated/selfie-good-a.jpg');

/** BT.601 full-range RGB → I420 (4:2:0 planar), what a `C420jpeg` Y4M stream carries. */
function toI420(rgb: Buffer, width: number, height: number): Buffer {
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const out = Buffer.alloc(ySize + 2 * cSize);
  for (let i = 0; i < ySize; i += 1) {
    const r = rgb[i * 3]!,
      g = rgb[i * 3 + 1]!,
      b = rgb[i * 3 + 2]!;
    out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0,
        g = 0,
        b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((y + dy) * width + (x + dx)) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * (width / 2) + x / 2;
      out[ySize + c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
      out[ySize + cSize + c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
    }
  }
  return out;
}

export async function ensureFakeWebcam(): Promise<string> {
  if (existsSync(FAKE_WEBCAM_Y4M)) return FAKE_WEBCAM_Y4M;
  const portrait = await sharp(SOURCE).resize({ height: HEIGHT }).toBuffer();
  const rgb = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: 132, g: 140, b: 150 } } })
    .composite([{ input: portrait, gravity: 'centre' }])
    .removeAlpha()
    .raw()
    .toBuffer();
  const frame = toI420(rgb, WIDTH, HEIGHT);
  mkdirSync(dirname(FAKE_WEBCAM_Y4M), { recursive: true });
  const temp = `${FAKE_WEBCAM_Y4M}.tmp`;
  const fd = openSync(temp, 'w');
  writeSync(fd, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
  for (let i = 0; i < FRAMES; i += 1) {
    writeSync(fd, 'FRAME\n');
    writeSync(fd, frame);
  }
  closeSync(fd);
  renameSync(temp, FAKE_WEBCAM_Y4M);
  return FAKE_WEBCAM_Y4M;
}
