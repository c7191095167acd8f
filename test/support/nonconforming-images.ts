/**
 * Images that each break exactly one of Progeny's requirements (common/analysis/requirement-rules.ts),
 * made from the fixture selfies, for the tests that main's intake and `station submit` refuse them.
 */
import sharp from 'sharp';
import { fixture } from '../main/analysis/analysis-env';

/**
 * Pads a JPEG to exactly `total` bytes with comment (COM) segments after its start marker: the
 * picture and every other check stay as they were; only the byte count changes.
 */
export function padJpeg(bytes: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total);
  out.set(bytes.subarray(0, 2), 0);
  let at = 2;
  let left = total - bytes.length;
  while (left > 0) {
    const data = Math.min(65_533, left - 4);
    if (data < 0) throw new Error(`cannot pad a JPEG by ${left} bytes: a segment takes at least 4`);
    out.set([0xff, 0xfe, (data + 2) >> 8, (data + 2) & 0xff], at);
    at += 4 + data;
    left -= 4 + data;
  }
  out.set(bytes.subarray(2), at);
  return out;
}

export interface Nonconforming {
  name: string;
  bytes: Uint8Array;
  /** The check that breaks the requirement, and words of main's refusal. */
  check: string;
  refusal: RegExp;
}

/** A good selfie (720x960, a face) broken one requirement at a time, plus one with no face at all. */
export async function nonconformingSelfies(): Promise<Nonconforming[]> {
  const good = fixture('selfie-good-a.jpg');
  return [
    { name: 'a 2,000,001-byte JPEG', bytes: padJpeg(good, 2_000_001), check: 'file.bytes', refusal: /2,000,001 bytes.*Progeny requires a file of at most 2,000,000 bytes/ },
    {
      name: 'a 400 px wide JPEG',
      bytes: await sharp(good).resize({ width: 400 }).jpeg({ quality: 90 }).toBuffer(),
      check: 'file.dimensions',
      refusal: /only 400x533 px.*Progeny requires each side 480–4096 px/,
    },
    { name: 'a quality-50 JPEG', bytes: await sharp(good).jpeg({ quality: 50 }).toBuffer(), check: 'file.quality', refusal: /quality 50.*Progeny requires JPEG quality of at least 70/ },
    {
      name: 'a selfie with no face',
      // The group photo's floor and wall, brought to a conforming size: only the face is missing.
      bytes: await sharp(fixture('selfie-no-face.jpg')).resize({ height: 600 }).jpeg({ quality: 90 }).toBuffer(),
      check: 'face.count',
      refusal: /No face was found in the photo.*Progeny requires a face in the picture/,
    },
  ];
}
