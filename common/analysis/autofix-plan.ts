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
 * Where the fixed image starts: upright `size` brought down to the recommended height (unless the
 * face or document needs more), never enlarged, and never with a side over the file limit.
 */
export function fixTargetSize(size: Size, report: PrecheckResult): Size {
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
  return ids
    .map((id) => ({ id, before: verdictOf(was, id), after: verdictOf(now, id) }))
    .filter((change) => change.before !== change.after);
}
