/**
 * Real faces from photos shipped in npm packages, and defective variants of them drawn from the
 * face's own mesh: sunglasses over the eyes, a mask over the lower face, blur, dark and bright
 * exposure. Each variant changes one thing, so a test can say which check must catch it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { FaceAnalyzer, FaceObservation, Point } from '../../common/analysis/face';
import { bounds, centroid } from '../../common/analysis/face-regions';
import type { RawImage } from '../../common/analysis/pixels';

const require = createRequire(import.meta.url);
const faceApiDemo = join(dirname(require.resolve('@vladmandic/face-api')), '..', 'demo');
export const SAMPLE_PHOTOS = [1, 2, 3, 4, 5, 6].map((n) => join(faceApiDemo, `sample${n}.jpg`));

export async function decode(bytes: Buffer | string): Promise<RawImage> {
  const { data, info } = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

export const encode = (image: RawImage, quality = 92): Promise<Buffer> =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .jpeg({ quality })
    .toBuffer();

/** Portraits (head and shoulders, face about `faceSide` px wide) of the clear, frontal faces in a photo. */
export async function portraitsFrom(file: string, analyzer: FaceAnalyzer, faceSide = 300): Promise<Buffer[]> {
  const image = await decode(file);
  const faces = (await analyzer.detect(image, 'full')).filter((f) => f.box.width >= 100 && Math.abs(f.yaw) < 20 && Math.abs(f.pitch) < 20 && Math.abs(f.roll) < 20);
  const out: Buffer[] = [];
  for (const face of faces) {
    const side = face.box.width;
    const left = Math.round(Math.max(0, face.box.x - side * 0.7));
    const top = Math.round(Math.max(0, face.box.y - side * 0.7));
    const width = Math.round(Math.min(image.width - left, side * 2.4));
    const height = Math.round(Math.min(image.height - top, side * 2.8));
    out.push(
      await sharp(file)
        .extract({ left, top, width, height })
        .resize({ width: Math.round((width * faceSide) / side) })
        .jpeg({ quality: 92 })
        .toBuffer(),
    );
  }
  return out;
}

/**
 * The clear, frontal faces of two sample photos (six people: different skin tones and lighting),
 * each as a portrait with the face the engine finds in it: the clean originals the variants change.
 */
export async function samplePortraits(analyzer: FaceAnalyzer): Promise<Array<{ bytes: Buffer; face: FaceObservation }>> {
  const portraits: Array<{ bytes: Buffer; face: FaceObservation }> = [];
  for (const photo of SAMPLE_PHOTOS.slice(4, 6)) {
    for (const bytes of await portraitsFrom(photo, analyzer)) {
      const faces = await analyzer.detect(await decode(bytes), 'full');
      if (faces.length === 1 && faces[0]!.landmarks) portraits.push({ bytes, face: faces[0]! });
    }
  }
  return portraits;
}

const svg = (width: number, height: number, body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);
const path = (points: Point[]) => `M ${points.map((p) => `${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' L ')} Z`;

/** Dark lenses over both eyes, each an ellipse about twice the eye's width, joined by a bridge. */
export async function withSunglasses(bytes: Buffer, face: FaceObservation, colour = '#111'): Promise<Buffer> {
  const { width, height } = await sharp(bytes).metadata();
  const l = face.landmarks!;
  const lens = (eye: Point[]) => {
    const c = centroid(eye);
    const b = bounds(eye);
    return `<ellipse cx="${c.x}" cy="${c.y}" rx="${b.width * 0.95}" ry="${b.width * 0.6}" fill="${colour}"/>`;
  };
  const r = centroid(l.rightEye);
  const le = centroid(l.leftEye);
  const bridge = `<line x1="${r.x}" y1="${r.y}" x2="${le.x}" y2="${le.y}" stroke="${colour}" stroke-width="${Math.max(2, face.box.width / 60)}"/>`;
  return sharp(bytes)
    .composite([{ input: svg(width, height, lens(l.rightEye) + lens(l.leftEye) + bridge) }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** A mask from just under the eyes over the nose, mouth and chin, to the face's sides. */
export async function withMask(bytes: Buffer, face: FaceObservation, colour = '#8fb8de'): Promise<Buffer> {
  const { width, height } = await sharp(bytes).metadata();
  const l = face.landmarks!;
  const eyeLine = (centroid(l.rightEye).y + centroid(l.leftEye).y) / 2;
  const top = eyeLine + (l.noseTip.y - eyeLine) * 0.45;
  const outline = l.oval.filter((p) => p.y >= top);
  const body = `<path d="${path(outline)}" fill="${colour}" stroke="${colour}" stroke-width="${face.box.width / 20}"/>`;
  return sharp(bytes)
    .composite([{ input: svg(width, height, body) }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** A straight-line motion blur of `length` px at `angle` degrees (a normalised line kernel). */
export async function withMotionBlur(bytes: Buffer, length: number, angle = 0): Promise<Buffer> {
  const size = length % 2 === 1 ? length : length + 1;
  const kernel = new Array<number>(size * size).fill(0);
  const c = (size - 1) / 2;
  const radians = (angle * Math.PI) / 180;
  for (let t = -c; t <= c; t += 0.25) kernel[Math.round(c + t * Math.sin(radians)) * size + Math.round(c + t * Math.cos(radians))] = 1;
  const total = kernel.reduce((a, b) => a + b, 0);
  return sharp(bytes)
    .convolve({ width: size, height: size, kernel: kernel.map((k) => k / total) })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export const withGaussianBlur = (bytes: Buffer, sigma: number) => sharp(bytes).blur(sigma).jpeg({ quality: 92 }).toBuffer();

/** Under- or over-exposure: a gain on every channel, clipped at white as a sensor clips. */
export const withExposure = (bytes: Buffer, gain: number, offset = 0) => sharp(bytes).linear(gain, offset).jpeg({ quality: 92 }).toBuffer();
