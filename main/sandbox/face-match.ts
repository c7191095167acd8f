/**
 * Face comparison for authenticate_face and the KYC `compare` flag: the engine's descriptor
 * similarity (0–1) against one threshold.
 *
 * Calibration: every pair of ../shared/eval-dev/faces_pairs (42 real photos of 8 people, 100
 * same-person and 761 different-person pairs), embedded the sandbox's way (face-embedding.ts: crop,
 * re-detect, mirror-average), measured by bench/precheck-real.ts. At 0.40: false accepts 0.3 %
 * (2 of 761), false rejects 17 % (same person 0.29–1.00, different 0.00–0.44). 0.38 would give
 * FAR 0.7 % / FRR 12 %; 0.40 keeps a margin under the 1 % FAR a bank accepts, since it would rather
 * re-check a customer than accept an impostor. (Before the crop, descriptors of whole photos gave
 * FRR 45 % at FAR 0.9 %.)
 *
 * The docs show matchScore "20.0" with scorePercent "100.0" for a match, both as strings: the
 * sandbox reports the similarity as a percentage and as a 0–20 score, one decimal, as strings.
 */
import type { FaceAnalyzer } from '../../common/analysis/face';

export const MATCH_THRESHOLD = 0.4;

export interface FaceComparison {
  similarity: number;
  match: boolean;
  /** The `authentication.data` block. */
  data: { matchScore: string; scorePercent: string };
}

export function compareFaces(faces: Pick<FaceAnalyzer, 'similarity'>, a: number[], b: number[]): FaceComparison {
  const value = Math.min(1, Math.max(0, faces.similarity(a, b)));
  return {
    similarity: Math.round(value * 1e4) / 1e4,
    match: value >= MATCH_THRESHOLD,
    data: { matchScore: (value * 20).toFixed(1), scorePercent: (value * 100).toFixed(1) },
  };
}
