import { useCallback, useEffect, useRef, useState } from 'react';
import { isDocumentRole, type ImageRole } from '../../common/analysis/check';
import type { Prompt } from '../../common/analysis/live-guidance';
import { useAnalysisEngine } from './analysis-engine';
import { CameraError, classifyCameraError, listCameras, openCamera, stopStream, streamDeviceId, watchForLoss, type CameraDevice, type CameraFailureKind } from './camera';
import { startGuidanceLoop } from './guidance-loop';
import { captureStill } from './video-frames';

export type CameraPhase = { kind: 'starting' } | { kind: 'live' } | { kind: 'capturing' } | { kind: 'failed'; failure: CameraFailureKind; reason: string };

export type GuidanceState = 'loading' | 'running' | 'unavailable';

export interface CameraSessionOptions {
  role: ImageRole;
  preferredCamera: string;
  autoCapture: boolean;
  onCameraChosen?: (deviceId: string) => void;
  onCaptured: (still: Blob) => void;
}

const reasonOf = (error: unknown) => (error instanceof CameraError ? error.reason : error instanceof Error ? error.message : String(error));

/**
 * One camera session, alive exactly as long as the component using it: the stream stops on
 * capture, on loss, on a camera switch and on unmount, so the camera light never stays on.
 */
export function useCameraSession({ role, preferredCamera, autoCapture, onCameraChosen, onCaptured }: CameraSessionOptions) {
  const engine = useAnalysisEngine();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<CameraPhase>({ kind: 'starting' });
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [requested, setRequested] = useState(preferredCamera);
  const [attempt, setAttempt] = useState(0);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [guidanceFailed, setGuidanceFailed] = useState(false);
  const [captureError, setCaptureError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    let unwatch = () => {};
    openCamera(requested).then(
      (next) => {
        if (cancelled) {
          stopStream(next);
          return;
        }
        opened = next;
        setStream(next);
        setPhase({ kind: 'live' });
        unwatch = watchForLoss(next, () => {
          stopStream(next);
          setStream(null);
          setPhase({ kind: 'failed', failure: 'lost', reason: 'track ended' });
        });
        // Labels are only readable once permission is granted, so list after opening.
        void listCameras().then((found) => {
          if (!cancelled) setCameras(found);
        });
      },
      (error: unknown) => {
        if (!cancelled) setPhase({ kind: 'failed', failure: classifyCameraError(error), reason: reasonOf(error) });
      },
    );
    return () => {
      cancelled = true;
      unwatch();
      stopStream(opened);
    };
  }, [requested, attempt]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    // Autoplay of a muted stream is allowed; a refusal only delays the preview until it starts.
    if (stream) video.play()?.catch(() => undefined);
  }, [stream]);

  // Auto-capture and the shortcut can both fire before the 'capturing' phase renders: take one still.
  const capturing = useRef(false);
  const capture = useCallback(async () => {
    const video = videoRef.current;
    if (!video || !stream || phase.kind !== 'live' || capturing.current) return;
    capturing.current = true;
    setPhase({ kind: 'capturing' });
    try {
      const still = await captureStill(video);
      stopStream(stream);
      onCaptured(still);
    } catch (error) {
      setCaptureError(reasonOf(error));
      setPhase({ kind: 'live' });
    } finally {
      capturing.current = false;
    }
  }, [stream, phase.kind, onCaptured]);

  // The loop reads these through refs so a new render does not restart the analysis.
  const captureRef = useRef(capture);
  const autoCaptureRef = useRef(autoCapture);
  useEffect(() => {
    captureRef.current = capture;
    autoCaptureRef.current = autoCapture;
  });

  const faces = engine.engine?.faces ?? null;
  const needsFaces = !isDocumentRole(role);
  const live = phase.kind === 'live';
  useEffect(() => {
    const video = videoRef.current;
    if (!live || !video || (needsFaces && !faces)) return;
    return startGuidanceLoop({
      video,
      role,
      faces,
      onUpdate: ({ prompt: next, ready }) => {
        setPrompt(next);
        if (ready && autoCaptureRef.current) void captureRef.current();
      },
      onError: () => setGuidanceFailed(true),
    });
  }, [live, faces, role, needsFaces]);

  const engineState = needsFaces ? engine.state : 'ready';
  const guidance: GuidanceState = engineState === 'failed' || guidanceFailed ? 'unavailable' : engineState === 'ready' ? 'running' : 'loading';

  const restart = () => {
    setPhase({ kind: 'starting' });
    setStream(null);
    setPrompt(null);
    setCaptureError(null);
  };

  return {
    videoRef,
    phase,
    cameras,
    /** The camera in use, or the one being opened. */
    deviceId: stream ? streamDeviceId(stream) || requested : requested,
    prompt,
    guidance,
    captureError,
    capture,
    retry: () => {
      restart();
      setAttempt((n) => n + 1);
    },
    choose: (deviceId: string) => {
      onCameraChosen?.(deviceId);
      restart();
      setRequested(deviceId);
    },
  };
}
