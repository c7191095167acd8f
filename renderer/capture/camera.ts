/**
 * The webcam, kept behind a few functions so the panel never touches getUserMedia directly and
 * every failure arrives as one of the kinds the operator gets a specific recovery panel for.
 */

export type CameraFailureKind = 'permission-denied' | 'no-camera' | 'in-use' | 'lost' | 'unavailable';

export interface CameraDevice {
  deviceId: string;
  /** Empty until the page has camera permission (browsers hide labels before that). */
  label: string;
}

export class CameraError extends Error {
  constructor(
    readonly kind: CameraFailureKind,
    /** The browser's own error name, shown for the unexpected kind so IT can look it up. */
    readonly reason: string,
  ) {
    super(`camera ${kind}: ${reason}`);
    this.name = 'CameraError';
  }
}

const errorName = (error: unknown): string => (error instanceof CameraError ? error.reason : error instanceof Error || error instanceof DOMException ? error.name : String(error));

/** Maps what getUserMedia (or a live track) threw to the recovery the operator needs. */
export function classifyCameraError(error: unknown): CameraFailureKind {
  if (error instanceof CameraError) return error.kind;
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError': // Chromium before 64
      return 'permission-denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'no-camera';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'in-use';
    default:
      return 'unavailable';
  }
}

const mediaDevices = (): MediaDevices | null => (typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null);

export async function listCameras(): Promise<CameraDevice[]> {
  const devices = mediaDevices();
  if (!devices) return [];
  const all = await devices.enumerateDevices();
  return all.filter((device) => device.kind === 'videoinput').map(({ deviceId, label }) => ({ deviceId, label }));
}

const constraints = (deviceId: string): MediaStreamConstraints => ({
  audio: false,
  video: { width: { ideal: 1920 }, height: { ideal: 1080 }, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) },
});

/**
 * Opens a camera at up to 1920x1080. A remembered camera that is gone (unplugged, renamed by the
 * system) falls back to the default one instead of failing: the operator still gets a camera.
 * Throws a CameraError.
 */
export async function openCamera(deviceId: string): Promise<MediaStream> {
  const devices = mediaDevices();
  // Without mediaDevices (an insecure page) there is no camera to offer; files still work.
  if (!devices?.getUserMedia) throw new CameraError('no-camera', 'mediaDevices unavailable');
  if ((await listCameras()).length === 0) throw new CameraError('no-camera', 'no videoinput device');
  try {
    return await devices.getUserMedia(constraints(deviceId));
  } catch (error) {
    const kind = classifyCameraError(error);
    if (deviceId && kind === 'no-camera') return openCamera('');
    throw new CameraError(kind, errorName(error));
  }
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * One camera at a time across the page: the slot showing the camera holds it with a release
 * callback; holding it releases every other holder, and the form releases all of them on submit.
 */
const holders = new Set<() => void>();

/** Takes the camera for one slot (closing any other slot's camera). Returns the let-go. */
export function holdCamera(release: () => void): () => void {
  for (const other of [...holders]) {
    holders.delete(other);
    other();
  }
  holders.add(release);
  return () => void holders.delete(release);
}

/** Closes every open camera (submit, a fresh form): each holder's panel closes and stops its stream. */
export function releaseCameras(): void {
  for (const release of [...holders]) {
    holders.delete(release);
    release();
  }
}

/** The id of the camera actually delivering the stream ('' when the browser does not say). */
export const streamDeviceId = (stream: MediaStream): string => stream.getVideoTracks()[0]?.getSettings().deviceId ?? '';

/**
 * Calls `onLost` once if the camera goes away while in use: its track ends on its own (our own
 * stop() does not fire 'ended') or the device vanishes from the device list. Returns the unwatch.
 */
export function watchForLoss(stream: MediaStream, onLost: () => void): () => void {
  const track = stream.getVideoTracks()[0];
  const devices = mediaDevices();
  let done = false;
  const lost = () => {
    if (done) return;
    done = true;
    onLost();
  };
  const onDeviceChange = () => {
    const id = track ? streamDeviceId(stream) : '';
    if (!id) return;
    void listCameras().then((cameras) => {
      if (!cameras.some((camera) => camera.deviceId === id)) lost();
    });
  };
  track?.addEventListener('ended', lost);
  devices?.addEventListener?.('devicechange', onDeviceChange);
  return () => {
    done = true;
    track?.removeEventListener('ended', lost);
    devices?.removeEventListener?.('devicechange', onDeviceChange);
  };
}
