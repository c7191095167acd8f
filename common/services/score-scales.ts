/**
 * Progeny reports its scores on four scales: liveness `probability` and `quality` from 0 to 1,
 * liveness `score` as the log-odds of that probability (unbounded: 2.59 in the docs, 9.21 for
 * 0.9999), and the face match as `scorePercent` 0–100 beside `matchScore` 0–20. Shown side by side
 * they cannot be compared, so every score is shown as a percentage on a named scale; the raw
 * numbers stay in the details for support. See docs/progeny-api.md §6.
 *
 * Pass marks: Progeny publishes none (its verdict is the boolean `result`); the training sandbox's
 * are known and shown in training (TRAINING_PASS_MARKS, held equal to the sandbox's constants by
 * test/common/services/score-scales.test.ts).
 */
export const SCORE_SCALES = ['liveness', 'quality', 'similarity'] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];

export interface ScoreReading {
  scale: ScoreScale;
  /** 0–100, or null when Progeny sent nothing usable on this scale. */
  percent: number | null;
}

/** The training sandbox's pass marks, in percent (main/sandbox/liveness-scoring.ts, face-match.ts). */
export const TRAINING_PASS_MARKS: Readonly<Record<ScoreScale, number>> = { liveness: 50, quality: 35, similarity: 40 };

const within = (value: number | null, max: number): value is number => value !== null && Number.isFinite(value) && value >= 0 && value <= max;

/** A 0–1 fraction as a percentage; anything outside 0–1 is not on this scale. */
const fromUnit = (value: number | null): number | null => (within(value, 1) ? value * 100 : null);

/**
 * The chance that the selfie shows a live person: `probability`, or, when only `score` came, the
 * probability it encodes (score = ln(p / (1 − p)) holds exactly for the docs' example).
 */
export function livenessReading(liveness: { probability: number | null; score: number | null } | null): ScoreReading {
  const fromProbability = fromUnit(liveness?.probability ?? null);
  const score = liveness?.score ?? null;
  const fromScore = score !== null && Number.isFinite(score) ? 100 / (1 + Math.exp(-score)) : null;
  return { scale: 'liveness', percent: fromProbability ?? fromScore };
}

export function qualityReading(liveness: { quality: number | null } | null): ScoreReading {
  return { scale: 'quality', percent: fromUnit(liveness?.quality ?? null) };
}

/** How alike the two faces are: `scorePercent`, or `matchScore` on its 0–20 scale (the docs pair 20.0 with 100.0). */
export function similarityReading(authentication: { scorePercent: number | null; matchScore: number | null } | null): ScoreReading {
  const percent = authentication?.scorePercent ?? null;
  const match = authentication?.matchScore ?? null;
  return { scale: 'similarity', percent: within(percent, 100) ? percent : within(match, 20) ? match * 5 : null };
}
