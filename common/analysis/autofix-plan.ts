/**
 * The auto-fix's decisions (target size, quality steps, what changed), pure so that the Node
 * auto-fix (sharp, main/analysis/autofix.ts) and the browser's (canvas, renderer/capture/auto-fix.ts)
 * make the same image, and so they are tested without either.
 */
import type { Report, Verdict } from './check';
import type { PrecheckResult } from './precheck';
import { REQUIREMENTS } from './requirements';

const { autofix: A, file: F, selfie: S, document: D } = REQUIREMENTS;

export interface Size {
  width: number;
  height: number;
}

export interface Attempt extends Size {
  /** JPEG quality 0–100. */
  quality: number;
}

/**
 * The smallest height the image may shrink to without pushing the face or the document under the
 * size its checks need (as measured by the pre-check of the original).
 */
export function minimumHeight(report: PrecheckResult, height: number): number {
  let minimum = F.minSide.value;
  const face = report.faces.length > 0 ? report.faces.reduce((a, b) => (a.box.height > b.box.height ? a : b)) : null;
  if (report.role === 'selfie' && face) {
    const side = Math.min(face.box.width, face.box.height);
    if (side >= S.minFaceSide.value) minimum = Math.max(minimum, Math.ceil((height * S.minFaceSide.value) / side));
  }
  if (report.document?.found && report.document.bounds.width >= D.minWidthAfterFix.value) {
    minimum = Math.max(minimum, Math.ceil((height * D.minWidthAfterFix.value) / report.document.bounds.width));
  }
  return minimum;
}

const scaledTo = (size: Size, height: number): Size => ({ width: Math.max(1, Math.round((size.width * height) / size.height)), height });

/**
 * How much `size` must be enlarged to be sendable: each side up to the file minimum and, when the
 * pre-check marked the face size as fixable (its value is the face side in px), the face up to the
 * selfie minimum with a margin. 1 when nothing needs enlarging.
 */
export function enlargement(size: Size, report: PrecheckResult): number {
  let factor = F.minSide.value / Math.min(size.width, size.height);
  const faceSize = report.checks.find((c) => c.id === 'face.size');
  if (faceSize?.verdict === 'fail' && faceSize.fixable && typeof faceSize.value === 'number' && faceSize.value > 0) {
    factor = Math.max(factor, (S.minFaceSide.value * A.faceMargin.value) / faceSize.value);
  }
  return Math.max(1, factor);
}

/** Enlarging within the bound and without a side passing the file maximum reaches every minimum. */
export const canEnlarge = (size: Size, report: PrecheckResult): boolean => {
  const factor = enlargement(size, report);
  return factor <= A.maxEnlarge.value && Math.max(size.width, size.height) * factor <= F.maxSide.value;
};

/**
 * Where the fixed image starts: upright `size` brought down to the recommended height (unless the
 * face or document needs more), enlarged (Lanczos, within REQUIREMENTS.autofix.maxEnlarge) only when
 * it or its face is below a minimum size, and never with a side over the file limit.
 */
export function fixTargetSize(size: Size, report: PrecheckResult): Size {
  const factor = enlargement(size, report);
  if (factor > 1 && canEnlarge(size, report)) return scaledTo(size, Math.ceil(size.height * factor));
  const floor = minimumHeight(report, size.height);
  let height = Math.min(size.height, Math.max(A.maxHeight.value, floor));
  height = Math.min(height, Math.floor((size.height * F.maxSide.value) / Math.max(size.width, size.height)));
  return scaledTo(size, height);
}

export const firstAttempt = (size: Size, report: PrecheckResult): Attempt => ({ ...fixTargetSize(size, report), quality: A.quality.value });

/**
 * What to try when an encoded attempt came out over the byte limit: lower the quality in steps
 * down to the minimum, then shrink, but never below the height the checks need. null = give up
 * and keep the last attempt (the pre-check of the result will say what is still wrong).
 */
export function nextAttempt(previous: Attempt, encodedBytes: number, original: Size, report: PrecheckResult): Attempt | null {
  if (encodedBytes <= F.maxBytes.value) return null;
  if (previous.quality - 5 >= A.minQuality.value) return { ...previous, quality: previous.quality - 5 };
  const floor = minimumHeight(report, original.height);
  if (previous.height <= floor) return null;
  return { ...scaledTo(original, Math.max(floor, Math.floor(previous.height * 0.9))), quality: previous.quality };
}

/** Checks the engine adds only when something is wrong: after a fix, their absence means a pass. */
const ONLY_WHEN_FLAGGED: ReadonlySet<string> = new Set(['file.orientation', 'file.metadata']);

export interface VerdictChange {
  id: string;
  /** null: the check did not run on that version (e.g. face checks of an undecodable file). */
  before: Verdict | null;
  after: Verdict | null;
}

/** The checks whose verdict differs between the original and the fixed image, in report order. */
export function diffReports(before: Report, after: Report): VerdictChange[] {
  const verdicts = (report: Report) => new Map(report.checks.map((check) => [check.id, check.verdict]));
  const was = verdicts(before);
  const now = verdicts(after);
  const ids = [...new Set([...was.keys(), ...now.keys()])];
  const verdictOf = (map: Map<string, Verdict>, id: string): Verdict | null => map.get(id) ?? (ONLY_WHEN_FLAGGED.has(id) ? 'pass' : null);
  return ids.map((id) => ({ id, before: verdictOf(was, id), after: verdictOf(now, id) })).filter((change) => change.before !== change.after);
}
