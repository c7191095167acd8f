/**
 * Live guidance for camera frames: one prompt at a time, most important first, and a "ready"
 * signal after enough consecutive good frames for auto-capture. Runs on the fast path (detector and
 * mesh on a reduced frame) so it keeps up with the camera.
 */
import { findDocument } from './document-geometry';
import type { FaceObservation } from './face';
import { eyewearVerdict, faceMeasures, maskVerdict } from './face-measures';
import { lumaRegion, meanOf, shareAtLeast, type RawImage, type Rect } from './pixels';
import { REQUIREMENTS } from './requirements';

const { selfie: S, document: D, live: L } = REQUIREMENTS;

export type Prompt =
  | 'no-face'
  | 'one-person'
  | 'move-closer'
  | 'move-back'
  | 'centre-face'
  | 'face-camera'
  | 'level-chin'
  | 'head-upright'
  | 'too-dark'
  | 'too-bright'
  | 'hold-still'
  | 'remove-sunglasses'
  | 'open-eyes'
  | 'lower-mask'
  | 'show-document'
  | 'straighten-document'
  | 'glare'
  | 'ready';

export interface FrameGuidance {
  prompt: Prompt;
  /** This frame alone meets every requirement. */
  good: boolean;
}

export interface GuidanceOptions {
  /** Capture height divided by frame height: the still is taken at a higher resolution than the preview. */
  captureScale: number;
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

export function guideSelfieFrame(frame: RawImage, faces: FaceObservation[], previous: FaceObservation | null, options: GuidanceOptions): FrameGuidance {
  const bad = (prompt: Prompt): FrameGuidance => ({ prompt, good: false });
  if (faces.length === 0) return bad('no-face');
  if (faces.length > 1) return bad('one-person');
  const face = faces[0]!;
  const side = Math.min(face.box.width, face.box.height);
  // Aim a little above the minimum so the captured still clears it with room to spare.
  if (side * options.captureScale < S.minFaceSide.value * 1.15) return bad('move-closer');
  if (face.box.height > frame.height * 0.85 || face.box.x < 0 || face.box.y < 0 || face.box.x + face.box.width > frame.width || face.box.y + face.box.height > frame.height) return bad('move-back');
  const c = centre(face.box);
  if (Math.abs(c.x / frame.width - 0.5) > S.maxCentreOffset.value * 0.7 || Math.abs(c.y / frame.height - 0.5) > S.maxCentreOffset.value * 0.7) return bad('centre-face');
  if (Math.abs(face.yaw) > S.maxYaw.value * 0.8) return bad('face-camera');
  if (Math.abs(face.pitch) > S.maxPitch.value * 0.8) return bad('level-chin');
  if (Math.abs(face.roll) > S.maxRoll.value * 0.5) return bad('head-upright');
  const luma = meanOf(lumaRegion(frame, face.box, 64));
  if (luma < S.minFaceLuma.value + 10) return bad('too-dark');
  if (luma > S.maxFaceLuma.value - 10) return bad('too-bright');
  // The same face-region measures as the still's checks, on the mesh the fast path already has.
  if (face.landmarks) {
    const m = faceMeasures(frame, face.landmarks);
    if (eyewearVerdict(m).verdict !== 'pass') return bad('remove-sunglasses');
    if (maskVerdict(m) === 'fail') return bad('lower-mask');
  }
  if (face.eyeOpenness && Math.min(face.eyeOpenness.left, face.eyeOpenness.right) < S.minEyeOpenness.value) return bad('open-eyes');
  if (previous) {
    const p = centre(previous.box);
    if (Math.hypot(c.x - p.x, c.y - p.y) > side * L.maxMotion.value) return bad('hold-still');
  }
  return { prompt: 'ready', good: true };
}

export function guideDocumentFrame(frame: RawImage, previousBounds: Rect | null): FrameGuidance & { bounds: Rect | null } {
  const geometry = findDocument(frame);
  const bad = (prompt: Prompt) => ({ prompt, good: false, bounds: geometry.found ? geometry.bounds : null });
  if (!geometry.found) return bad('show-document');
  if (geometry.fill < D.warnFill.value) return bad('move-closer');
  if (Math.abs(geometry.tilt) > D.maxTiltWarn.value) return bad('straighten-document');
  if (shareAtLeast(lumaRegion(frame, geometry.bounds, 320), 250) > D.maxGlareWarn.value) return bad('glare');
  if (previousBounds) {
    const a = centre(geometry.bounds);
    const b = centre(previousBounds);
    if (Math.hypot(a.x - b.x, a.y - b.y) > geometry.bounds.width * L.maxMotion.value) return bad('hold-still');
  }
  return { prompt: 'ready', good: true, bounds: geometry.bounds };
}

/**
 * Counts consecutive good frames; `ready` turns true after `readyFrames` of them and any bad frame
 * starts the count again, so auto-capture only fires on a steady, compliant view.
 */
export class ReadinessTracker {
  private streak = 0;
  constructor(private readonly needed = L.readyFrames.value) {}
  push(guidance: FrameGuidance): { prompt: Prompt; ready: boolean } {
    this.streak = guidance.good ? this.streak + 1 : 0;
    const ready = this.streak >= this.needed;
    // While good frames accumulate, ask the customer to hold still rather than claim "ready" early.
    return { prompt: guidance.good && !ready ? 'hold-still' : guidance.prompt, ready };
  }
  reset(): void {
    this.streak = 0;
  }
}
