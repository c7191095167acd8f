/**
 * The labelled real-image set in ../shared/eval-dev (read its README): loading, and scoring the
 * engine on it. One module for the benchmark (bench/precheck-real.ts) and the target test
 * (test/main/analysis/eval-dev-targets.test.ts), so both count the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImageRole } from '../../common/analysis/check';
import type { FaceAnalyzer } from '../../common/analysis/face';
import { precheck, type AnalysisEnvironment, type PrecheckResult } from '../../common/analysis/precheck';

export const EVAL_DEV_DIR = resolve(process.env.EVAL_DEV_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'eval-dev'));

export interface EvalEntry {
  file: string;
  group: 'face_quality' | 'faces_pairs' | 'documents';
  labels: {
    expected?: 'pass' | 'fail';
    reasons?: string[];
    identity?: string;
    mrz_type?: 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';
    mrz_lines?: string[];
    doc_kind?: string;
    capture?: string;
  };
}

/** The manifest, or the reason it cannot be used (the caller prints it and skips). */
export function loadEvalDev(dir = EVAL_DEV_DIR): { entries: EvalEntry[]; dir: string } | { skip: string } {
  const manifest = join(dir, 'MANIFEST.json');
  if (!existsSync(manifest)) return { skip: `the labelled real-image set is not here (${manifest} is missing)` };
  return { entries: JSON.parse(readFileSync(manifest, 'utf8')) as EvalEntry[], dir };
}

/**
 * Which check ids answer for each labelled selfie defect. A defect counts as caught when one of
 * them does not pass.
 */
export const REASON_CHECKS: Record<string, readonly string[]> = {
  multiple_faces: ['face.count'],
  no_face: ['face.count'],
  face_too_small: ['face.size', 'face.eye-distance'],
  low_resolution: ['file.dimensions', 'face.size'],
  occlusion_sunglasses: ['face.eyewear', 'face.eyes-open'],
  occlusion_mask: ['face.mask'],
  blur: ['face.sharpness'],
  too_dark: ['face.exposure'],
  too_bright: ['face.exposure', 'face.highlights'],
  eyes_closed: ['face.eyes-open'],
  low_quality: ['file.quality'],
};

/**
 * "Fails" means the operator cannot send it as it is: a failing check that auto-fix cannot repair.
 * A 320x240 photo of a good face fails only on size, which auto-fix repairs, so it does not fail.
 */
export const rejects = (result: PrecheckResult): boolean => result.checks.some((c) => c.verdict === 'fail' && !c.fixable);

export function roleForDocument(entry: EvalEntry): ImageRole {
  return entry.labels.doc_kind === 'id_card' && entry.labels.mrz_type === 'TD1' ? 'id_back' : 'passport';
}

export interface SelfieScore {
  file: string;
  expected: 'pass' | 'fail';
  reasons: string[];
  rejected: boolean;
  caught: Record<string, boolean>;
  failing: string[];
  ms: number;
}

export interface DocumentScore {
  file: string;
  type: string;
  capture: string;
  exact: boolean;
  linesExact: number;
  lines: number;
  valid: boolean;
  read: string[];
  fillVerdict: string | null;
  tiltVerdict: string | null;
  failing: string[];
  ms: number;
}

export async function scoreSelfies(entries: EvalEntry[], dir: string, env: AnalysisEnvironment): Promise<SelfieScore[]> {
  const out: SelfieScore[] = [];
  for (const entry of entries.filter((e) => e.group === 'face_quality')) {
    const result = await precheck('selfie', readFileSync(join(dir, entry.file)), env);
    const failing = result.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}=${c.verdict}`);
    const reasons = entry.labels.reasons ?? [];
    const caught = Object.fromEntries(reasons.map((r) => [r, (REASON_CHECKS[r] ?? []).some((id) => result.checks.some((c) => c.id === id && c.verdict === 'fail'))]));
    out.push({ file: entry.file, expected: entry.labels.expected ?? 'pass', reasons, rejected: rejects(result), caught, failing, ms: result.elapsedMs });
  }
  return out;
}

export async function scoreDocuments(entries: EvalEntry[], dir: string, env: AnalysisEnvironment): Promise<DocumentScore[]> {
  const out: DocumentScore[] = [];
  for (const entry of entries.filter((e) => e.group === 'documents' && e.labels.mrz_lines)) {
    const want = entry.labels.mrz_lines!;
    const result = await precheck(roleForDocument(entry), readFileSync(join(dir, entry.file)), env);
    const read = result.mrz?.lines ?? [];
    const linesExact = want.filter((line, i) => read[i] === line).length;
    out.push({
      file: entry.file,
      type: entry.labels.mrz_type ?? '?',
      capture: entry.labels.capture ?? 'derived',
      exact: linesExact === want.length && read.length === want.length,
      linesExact,
      lines: want.length,
      valid: result.mrz?.valid ?? false,
      read,
      fillVerdict: result.checks.find((c) => c.id === 'document.fill')?.verdict ?? null,
      tiltVerdict: result.checks.find((c) => c.id === 'document.tilt')?.verdict ?? null,
      failing: result.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}=${c.verdict}`),
      ms: result.elapsedMs,
    });
  }
  return out;
}

export interface PairScores {
  /** Similarity of every pair of photos, with whether both show the same person. */
  pairs: Array<{ a: string; b: string; same: boolean; similarity: number }>;
  /** Photos where no face (so no embedding) was found. */
  missing: string[];
}

export async function scorePairs(
  entries: EvalEntry[],
  dir: string,
  env: Pick<AnalysisEnvironment, 'decode'> & { faces: FaceAnalyzer },
  embed?: (bytes: Uint8Array) => Promise<number[] | null>,
): Promise<PairScores> {
  const photos: Array<{ file: string; identity: string; embedding: number[] }> = [];
  const missing: string[] = [];
  for (const entry of entries.filter((e) => e.group === 'faces_pairs')) {
    const bytes = readFileSync(join(dir, entry.file));
    let embedding: number[] | null;
    if (embed) embedding = await embed(bytes);
    else {
      const faces = await env.faces.detect(await env.decode(bytes), 'full');
      const largest = faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
      embedding = largest?.embedding ?? null;
    }
    if (embedding) photos.push({ file: entry.file, identity: entry.labels.identity!, embedding });
    else missing.push(entry.file);
  }
  const pairs: PairScores['pairs'] = [];
  for (let i = 0; i < photos.length; i += 1) {
    for (let j = i + 1; j < photos.length; j += 1) {
      const a = photos[i]!;
      const b = photos[j]!;
      pairs.push({ a: a.file, b: b.file, same: a.identity === b.identity, similarity: env.faces.similarity(a.embedding, b.embedding) });
    }
  }
  return { pairs, missing };
}

/** False-accept and false-reject rates at `threshold` (a pair matches at or above it). */
export function matchRates(pairs: PairScores['pairs'], threshold: number): { far: number; frr: number; genuine: number; impostor: number } {
  const genuine = pairs.filter((p) => p.same);
  const impostor = pairs.filter((p) => !p.same);
  return {
    far: impostor.filter((p) => p.similarity >= threshold).length / Math.max(1, impostor.length),
    frr: genuine.filter((p) => p.similarity < threshold).length / Math.max(1, genuine.length),
    genuine: genuine.length,
    impostor: impostor.length,
  };
}

export interface DerivedDefectScore {
  /** Photos whose clean version was accepted, so a defect drawn on them can be judged. */
  photos: number;
  /** Clean photos rejected (a false reject on an ordinary photo). */
  cleanRejected: string[];
  /** Per defect: how many variants were rejected, and which slipped through. */
  defects: Record<string, { rejected: number; passed: string[] }>;
}

/**
 * A check against the calibration photos' own bias: the defects the labelled set shows (dark
 * lenses, a mask, defocus, motion blur, dark gamma), drawn on every photo of faces_pairs/ (other
 * people, other cameras) and scaled to each face, then judged like any selfie.
 */
export async function scoreDerivedDefects(entries: EvalEntry[], dir: string, env: AnalysisEnvironment): Promise<DerivedDefectScore> {
  const variants = await import('./face-variants');
  const sharp = (await import('sharp')).default;
  const score: DerivedDefectScore = { photos: 0, cleanRejected: [], defects: {} };
  const tally = (defect: string, file: string, result: PrecheckResult) => {
    const row = (score.defects[defect] ??= { rejected: 0, passed: [] });
    if (rejects(result)) row.rejected += 1;
    else
      row.passed.push(
        `${file}: ${
          result.checks
            .filter((c) => c.verdict !== 'pass')
            .map((c) => `${c.id}=${c.verdict}(${c.value})`)
            .join(', ') || 'every check passed'
        }`,
      );
  };
  for (const entry of entries.filter((e) => e.group === 'faces_pairs')) {
    // Bring every photo to a selfie's size first (≤ 1080 px high), as auto-fix would.
    const bytes = await sharp(readFileSync(join(dir, entry.file)))
      .rotate()
      .resize({ height: 1080, withoutEnlargement: true })
      .jpeg({ quality: 92 })
      .toBuffer();
    const clean = await precheck('selfie', bytes, env);
    if (clean.faces.length !== 1 || rejects(clean)) {
      if (clean.faces.length === 1)
        score.cleanRejected.push(
          `${entry.file}: ${clean.checks
            .filter((c) => c.verdict === 'fail')
            .map((c) => `${c.id}(${c.value})`)
            .join(', ')}`,
        );
      continue;
    }
    score.photos += 1;
    const face = clean.faces[0]!;
    const side = Math.min(face.box.width, face.box.height);
    const judged = async (defect: string, variant: Buffer) => tally(defect, entry.file, await precheck('selfie', variant, env));
    if (face.landmarks) {
      await judged('sunglasses', await variants.withSunglasses(bytes, face));
      await judged('mask', await variants.withMask(bytes, face));
    }
    await judged('defocus', await variants.withGaussianBlur(bytes, Math.max(1, side * 0.03)));
    await judged('motion blur', await variants.withMotionBlur(bytes, Math.max(3, Math.round(side * 0.08)), 0));
    await judged('dark', await sharp(bytes).gamma(1, 2.2).linear(0.35, 0).jpeg({ quality: 92 }).toBuffer());
  }
  return score;
}

/**
 * The documents again, scaled down so the page is `width` px wide (as a distant phone photo or a
 * low-resolution scan gives them): how the MRZ reading holds as the glyphs shrink. Documents
 * already narrower are left out.
 */
export async function scoreDocumentsAt(entries: EvalEntry[], dir: string, env: AnalysisEnvironment, width: number): Promise<{ exact: number; total: number }> {
  const sharp = (await import('sharp')).default;
  let exact = 0;
  let total = 0;
  for (const entry of entries.filter((e) => e.group === 'documents' && e.labels.mrz_lines)) {
    const upright = sharp(readFileSync(join(dir, entry.file))).rotate();
    const { info } = await upright.clone().raw().toBuffer({ resolveWithObject: true });
    if (info.width <= width) continue;
    const bytes = await upright.resize({ width }).jpeg({ quality: 85 }).toBuffer();
    const read = (await precheck(roleForDocument(entry), bytes, env)).mrz?.lines ?? [];
    total += 1;
    if (JSON.stringify(read) === JSON.stringify(entry.labels.mrz_lines)) exact += 1;
  }
  return { exact, total };
}
