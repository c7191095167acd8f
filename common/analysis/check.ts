/** The result model of every pre-check: what was measured, against what, and what to do about it. */

export type Verdict = 'pass' | 'warn' | 'fail';

export type ImageRole = 'selfie' | 'id_front' | 'id_back' | 'passport';
export const IMAGE_ROLES: readonly ImageRole[] = ['selfie', 'id_front', 'id_back', 'passport'];
export const isDocumentRole = (role: ImageRole): boolean => role !== 'selfie';
export const isImageRole = (value: unknown): value is ImageRole => typeof value === 'string' && (IMAGE_ROLES as readonly string[]).includes(value);

export interface Check {
  /** Stable id, e.g. `file.format`, `face.size`; the UI translates by id. */
  id: string;
  /** What was measured (null when it could not be). */
  value: number | string | boolean | null;
  /** The rule, in words, e.g. "≥ 224 px". */
  threshold: string;
  verdict: Verdict;
  message: string;
  /** What the operator should do; empty when the check passed. */
  guidance: string;
  /** A failure no override can accept: the image cannot be sent at all. */
  hard?: boolean;
  /** The auto-fix can repair this. */
  fixable?: boolean;
}

export const worst = (verdicts: Iterable<Verdict>): Verdict => {
  let result: Verdict = 'pass';
  for (const verdict of verdicts) {
    if (verdict === 'fail') return 'fail';
    if (verdict === 'warn') result = 'warn';
  }
  return result;
};

export interface Report {
  role: ImageRole;
  verdict: Verdict;
  /** True when a hard failure means the image can never be sent as it is. */
  blocked: boolean;
  /** True when every failing check is fixable by the auto-fix. */
  fixable: boolean;
  checks: Check[];
}

export function summarise(role: ImageRole, checks: Check[]): Report {
  const failing = checks.filter((c) => c.verdict !== 'pass');
  return {
    role,
    verdict: worst(checks.map((c) => c.verdict)),
    blocked: checks.some((c) => c.verdict === 'fail' && c.hard),
    fixable: failing.length > 0 && failing.filter((c) => c.verdict === 'fail').every((c) => c.fixable) && failing.some((c) => c.fixable),
    checks,
  };
}

/** Verdict for a measurement where bigger is better: below `fail` fails, below `warn` warns. */
export const atLeast = (value: number, fail: number, warn = fail): Verdict => (value < fail ? 'fail' : value < warn ? 'warn' : 'pass');
/** Verdict for a measurement where smaller is better. */
export const atMost = (value: number, fail: number, warn = fail): Verdict => (value > fail ? 'fail' : value > warn ? 'warn' : 'pass');
