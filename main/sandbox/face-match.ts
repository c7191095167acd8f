/**
 * Face comparison for authenticate_face and the KYC `compare` flag: the engine's descriptor
 * similarity (0–1) against one threshold.
 *
 * Calibration, measured with this engine: pictures of the same person score 0.61–0.90 across
 * different photos (1.00 for crops of one photo, 0.58 for a blurred crop against a half-cut-off
 * one); different people score 0.02–0.54. 0.6 sits in the gap, leaning towards refusing: a match
 * needs more than any pair of different people reached.
 *
 * The docs show matchScore "20.0" with scorePercent "100.0" for a match, both as strings: the
 * sandbox reports the similarity as a percentage and as a 0–20 score, one decimal, as strings.
 */
import type { FaceAnalyzer } from '../../common/analysis/face';

export const MATCH_THRESHOLD = 0.6;

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
