import type { FaceObservation } from '../../common/analysis/face';

/** A frontal, open-eyed, live face for tests; pass what the test is about. */
export const faceObservation = (over: Partial<FaceObservation> = {}): FaceObservation => ({
  box: { x: 250, y: 300, width: 300, height: 340 },
  score: 1,
  leftEye: { x: 460, y: 420 },
  rightEye: { x: 340, y: 420 },
  eyeOpenness: { left: 0.3, right: 0.3 },
  yaw: 0,
  pitch: 0,
  roll: 0,
  real: 0.9,
  live: 0.9,
  embedding: null,
  ...over,
});
