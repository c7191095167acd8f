import type { RawImage, Rect } from './pixels';

export interface Point {
  x: number;
  y: number;
}

/**
 * Mesh outlines the occlusion, exposure and sharpness checks sample, in image pixels: each eye's
 * lid contour, the outer lip line and the face's silhouette, plus the nose tip, mid-forehead, the
 * point between the brows and the chin.
 */
export interface FaceLandmarks {
  rightEye: Point[];
  leftEye: Point[];
  lips: Point[];
  oval: Point[];
  noseTip: Point;
  forehead: Point;
  glabella: Point;
  chin: Point;
}

/** One face as the analysis adapters report it, in the image's upright pixel coordinates. */
export interface FaceObservation {
  box: Rect;
  /** Detector confidence 0–1. */
  score: number;
  /** Eye centres from the face mesh's eye corners (stable, unlike the iris points). */
  leftEye: Point | null;
  rightEye: Point | null;
  /** Lid gap divided by eye width, per eye (null without a mesh). */
  eyeOpenness: { left: number; right: number } | null;
  /** Head pose in degrees. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Anti-spoofing ("real") and liveness scores 0–1, when the full models ran. */
  real: number | null;
  live: number | null;
  /** Face descriptor for matching, when the full models ran. */
  embedding: number[] | null;
  /** Mesh outlines (absent when the detector gave no mesh, or the observation was made by hand). */
  landmarks?: FaceLandmarks | null;
}

/**
 * `full` runs every model (detector, mesh, descriptor, anti-spoof, liveness) for pre-checks and the
 * sandbox; `fast` runs detector and mesh on a reduced frame for live guidance.
 */
export type FaceMode = 'full' | 'fast';

export interface FaceAnalyzer {
  detect(image: RawImage, mode: FaceMode): Promise<FaceObservation[]>;
  /** Similarity of two embeddings, 0–1. */
  similarity(a: number[], b: number[]): number;
}

export const eyeDistance = (face: FaceObservation): number | null => (face.leftEye && face.rightEye ? Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y) : null);
