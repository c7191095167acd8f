/**
 * Documents through the engine: the MRZ (locateMrz → mrz.read, as the pre-check does) and the portrait
 * (the largest face on the document, cut out as a JPEG), reported as Progeny's `document` object:
 * camelCase and snake_case mixed as in the docs, dates Y-M-D without zero padding, "None-None-None"
 * for a date that cannot be read and for dateOfIssue (no MRZ carries one), nationality as a word.
 *
 * Sandbox choices where the docs are silent: without a readable MRZ the text fields are null and
 * is_valid false; is_expired is null when the expiry cannot be read; an MRZ that was found but
 * fails its check digits is still reported as read (is_valid false), as an OCR provider would.
 * Problems are listed under issues.document with the sandbox's own codes (DOCUMENT_ISSUES).
 */
import sharp from 'sharp';
import { mrzRegion } from '../../common/analysis/document-checks';
import { documentFromMrz, findDocument, type DocumentGeometry } from '../../common/analysis/document-geometry';
import { locateMrz } from '../../common/analysis/mrz-locate';
import type { FaceObservation } from '../../common/analysis/face';
import type { MrzFormat, MrzRead } from '../../common/analysis/mrz-types';
import type { RawImage } from '../../common/analysis/pixels';
import type { SandboxService } from './progeny-api-spec';
import type { MediaStore } from './media-store';
import { nationalityName } from './nationalities';
import { faceEmbedding } from './face-embedding';
import type { SandboxEngine } from './sandbox-types';
import { decodeUpload, largestFace } from './selfie-analysis';

export const DOCUMENT_ISSUES = {
  FAILED_TO_READ_IMAGE: 'Failed to read image',
  DOCUMENT_NOT_FOUND: 'No document found in the image',
  MRZ_NOT_FOUND: 'Failed to read the machine-readable zone',
  MRZ_INVALID: 'Check digits of the machine-readable zone do not match',
  DOCUMENT_EXPIRED: 'The document has expired',
  PORTRAIT_NOT_FOUND: 'No portrait found on the document',
} as const;
export type DocumentIssue = keyof typeof DOCUMENT_ISSUES;

export interface DocumentScan {
  readable: boolean;
  geometry: DocumentGeometry | null;
  mrz: MrzRead | null;
  portrait: { face: FaceObservation; jpeg: Buffer } | null;
}

const unreadable: DocumentScan = { readable: false, geometry: null, mrz: null, portrait: null };

/** A generous head-and-shoulders crop around the face, as a JPEG. */
async function portraitJpeg(image: RawImage, face: FaceObservation): Promise<Buffer> {
  const { x, y, width, height } = face.box;
  const left = Math.max(0, Math.floor(x - width * 0.35));
  const top = Math.max(0, Math.floor(y - height * 0.45));
  const right = Math.min(image.width, Math.ceil(x + width * 1.35));
  const bottom = Math.min(image.height, Math.ceil(y + height * 1.3));
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
    .removeAlpha()
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Reads what `want` asks of one document image: its MRZ in `mrz` format, its portrait. */
export async function scanDocument(bytes: Uint8Array, engine: SandboxEngine, want: { mrz?: MrzFormat; portrait?: boolean }): Promise<DocumentScan> {
  const image = await decodeUpload(bytes, engine);
  if (!image) return unreadable;
  // The MRZ, located from its text lines, places the page even on a full-frame scan or a turned page.
  const band = want.mrz ? locateMrz(image) : null;
  const edges = findDocument(image);
  const geometry = band ? documentFromMrz(image, band, edges) : edges;
  let mrz: MrzRead | null = null;
  if (want.mrz && geometry.found) mrz = await engine.mrz.read(image, band ? null : mrzRegion(geometry.bounds, want.mrz), want.mrz, band);
  let portrait: DocumentScan['portrait'] = null;
  if (want.portrait) {
    const b = geometry.bounds;
    const onDocument = (await engine.faces.detect(image, 'full')).filter((f) => {
      const cx = f.box.x + f.box.width / 2;
      const cy = f.box.y + f.box.height / 2;
      return !geometry.found || (cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height);
    });
    const face = largestFace(onDocument);
    // The descriptor from the same normalised crop as a selfie's (face-embedding.ts), so KYC compares like with like.
    if (face) portrait = { face: { ...face, embedding: await faceEmbedding(image, face, engine.faces) }, jpeg: await portraitJpeg(image, face) };
  }
  return { readable: true, geometry, mrz, portrait };
}

/** "1991-09-24" → "1991-9-24"; null → "None-None-None" (Python's f"{d.year}-{d.month}-{d.day}" with None). */
export function progenyDate(iso: string | null | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? `${Number(match[1])}-${Number(match[2])}-${Number(match[3])}` : 'None-None-None';
}

/** Full years between an ISO birth date and an ISO day. */
export function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export interface DocumentReport {
  document: Record<string, unknown>;
  issues: Partial<Record<DocumentIssue, string>>;
  /** An image could not be decoded at all (result.status 400). */
  unreadable: boolean;
}

/** The `document` object from the side with the MRZ and the side with the portrait (the same scan for passports). */
export async function documentReport(mrzSide: DocumentScan, portraitSide: DocumentScan, service: SandboxService, media: MediaStore, nowMs: number): Promise<DocumentReport> {
  const issues: DocumentReport['issues'] = {};
  const today = new Date(nowMs).toISOString().slice(0, 10);
  if (!mrzSide.readable || !portraitSide.readable) issues.FAILED_TO_READ_IMAGE = DOCUMENT_ISSUES.FAILED_TO_READ_IMAGE;
  else if (!mrzSide.geometry?.found) issues.DOCUMENT_NOT_FOUND = DOCUMENT_ISSUES.DOCUMENT_NOT_FOUND;

  const read = mrzSide.mrz?.format ? mrzSide.mrz : null;
  const fields = read?.fields ?? null;
  if (mrzSide.readable && mrzSide.geometry?.found) {
    if (!read) issues.MRZ_NOT_FOUND = DOCUMENT_ISSUES.MRZ_NOT_FOUND;
    else if (!read.valid) issues.MRZ_INVALID = DOCUMENT_ISSUES.MRZ_INVALID;
  }
  const expiry = fields?.expiryDate ?? null;
  const expired = expiry ? expiry < today : null;
  if (expired) issues.DOCUMENT_EXPIRED = DOCUMENT_ISSUES.DOCUMENT_EXPIRED;
  if (portraitSide.readable && !portraitSide.portrait) issues.PORTRAIT_NOT_FOUND = DOCUMENT_ISSUES.PORTRAIT_NOT_FOUND;

  const portrait = portraitSide.portrait ? await media.saveJpeg(service, portraitSide.portrait.jpeg) : null;
  const birth = fields?.birthDate ?? null;
  return {
    document: {
      is_valid: read?.valid ?? false,
      is_expired: expired,
      dateOfBirth: progenyDate(birth),
      age: birth ? ageOn(birth, today) : null,
      firstName: fields?.firstName ?? null,
      lastName: fields?.lastName ?? null,
      dateOfIssue: progenyDate(null),
      dateOfExpiry: progenyDate(expiry),
      documentNumber: fields?.documentNumber ?? null,
      sex: fields?.sex ?? null,
      nationality: nationalityName(fields?.nationality ?? null),
      portrait,
      portrait_url: portrait ? media.url(portrait) : null,
    },
    issues,
    unreadable: !mrzSide.readable || !portraitSide.readable,
  };
}
