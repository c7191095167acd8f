import { isDocumentRole, type ImageRole } from '../../common/analysis/check';
import type { FaceAnalyzer, FaceObservation } from '../../common/analysis/face';
import { guideDocumentFrame, guideSelfieFrame, ReadinessTracker, type FrameGuidance, type Prompt } from '../../common/analysis/live-guidance';
import type { RawImage, Rect } from '../../common/analysis/pixels';
import { grabFrame } from './video-frames';

export const GUIDANCE_INTERVAL_MS = 120;

export interface GuidanceUpdate {
  prompt: Prompt;
  ready: boolean;
}

export interface GuidanceLoopOptions {
  video: HTMLVideoElement;
  role: ImageRole;
  /** Needed for selfies only: document guidance is pure pixel work. */
  faces: FaceAnalyzer | null;
  onUpdate: (update: GuidanceUpdate) => void;
  /** The loop stops after an engine error; capturing by hand still works. */
  onError: (error: unknown) => void;
}

/**
 * A prompt is shown only once two frames in a row agree on it, so a face on the edge of a limit
 * does not make the (screen-read) prompt flicker between two instructions.
 */
export function steadyPrompts(): (prompt: Prompt) => Prompt | null {
  let candidate: Prompt | null = null;
  return (prompt) => {
    const steady = prompt === candidate || prompt === 'ready' ? prompt : null;
    candidate = prompt;
    return steady;
  };
}

/**
 * Analyses the live video about every 120 ms (never two frames at once: a slow frame delays the
 * next instead of piling up) and reports one prompt and whether the view has been ready long
 * enough to capture. Returns the stop function.
 */
export function startGuidanceLoop({ video, role, faces, onUpdate, onError }: GuidanceLoopOptions): () => void {
  const canvas = document.createElement('canvas');
  const tracker = new ReadinessTracker();
  const steady = steadyPrompts();
  let previousFace: FaceObservation | null = null;
  let previousBounds: Rect | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const judge = async (frame: RawImage): Promise<FrameGuidance> => {
    if (isDocumentRole(role)) {
      const guidance = guideDocumentFrame(frame, previousBounds);
      previousBounds = guidance.bounds;
      return guidance;
    }
    if (!faces) throw new Error('selfie guidance needs the face analyser');
    const found = await faces.detect(frame, 'fast');
    const guidance = guideSelfieFrame(frame, found, previousFace, { captureScale: video.videoHeight / frame.height });
    previousFace = found.length === 1 ? found[0]! : null;
    return guidance;
  };

  const tick = async () => {
    const started = performance.now();
    try {
      const frame = grabFrame(video, canvas);
      if (frame) {
        const guidance = await judge(frame);
        if (stopped) return;
        const { prompt, ready } = tracker.push(guidance);
        const shown = steady(prompt);
        if (shown) onUpdate({ prompt: shown, ready });
      }
    } catch (error) {
      if (!stopped) onError(error);
      stopped = true;
      return;
    }
    if (!stopped) timer = setTimeout(() => void tick(), Math.max(0, GUIDANCE_INTERVAL_MS - (performance.now() - started)));
  };

  timer = setTimeout(() => void tick(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
