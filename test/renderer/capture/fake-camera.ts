import { vi } from 'vitest';

export interface FakeTrack {
  stop: ReturnType<typeof vi.fn>;
  deviceId: string;
  /** Fires the track's 'ended' event, as when the camera is unplugged. */
  end: () => void;
}

/**
 * A navigator.mediaDevices stand-in: `devices` are the listed cameras, `open` decides what each
 * getUserMedia call gives (a stream by default, or throw a DOMException).
 */
export function installFakeCamera({
  devices = [{ deviceId: 'cam-1', label: 'Desk camera' }],
  open,
}: { devices?: { deviceId: string; label: string }[]; open?: (deviceId: string | undefined) => void } = {}) {
  const tracks: FakeTrack[] = [];
  const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
    const video = constraints.video as MediaTrackConstraints;
    const wanted = (video.deviceId as { exact?: string } | undefined)?.exact;
    // Awaited so that what `open` throws becomes the rejection, as getUserMedia's errors are.
    await Promise.resolve(open?.(wanted));
    const listeners = new Set<() => void>();
    const track: FakeTrack & Record<string, unknown> = {
      deviceId: wanted ?? devices[0]?.deviceId ?? '',
      stop: vi.fn(),
      end: () => listeners.forEach((listener) => listener()),
      getSettings: () => ({ deviceId: wanted ?? devices[0]?.deviceId }),
      addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
    };
    tracks.push(track);
    const stream = { getTracks: () => [track], getVideoTracks: () => [track] };
    return stream as unknown as MediaStream;
  });
  const mediaDevices = {
    enumerateDevices: vi.fn(() => Promise.resolve(devices.map((d) => ({ ...d, kind: 'videoinput', groupId: '' })))),
    getUserMedia,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  Object.defineProperty(navigator, 'mediaDevices', { value: mediaDevices, configurable: true });
  // jsdom does not play media; the preview only needs play() to resolve.
  HTMLMediaElement.prototype.play = vi.fn(() => Promise.resolve());
  return { getUserMedia, tracks, mediaDevices };
}

/**
 * Makes jsdom's <video> look like it shows a 1920x1080 camera frame and its canvases draw it as
 * mid-grey pixels, which is what live guidance and capture read.
 */
export function installFakeVideoFrames(still: Blob) {
  Object.defineProperty(HTMLVideoElement.prototype, 'videoWidth', { get: () => 1920, configurable: true });
  Object.defineProperty(HTMLVideoElement.prototype, 'videoHeight', { get: () => 1080, configurable: true });
  Object.defineProperty(HTMLMediaElement.prototype, 'readyState', { get: () => 4, configurable: true });
  const context = {
    drawImage: vi.fn(),
    getImageData: (_x: number, _y: number, width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4).fill(128) }),
  };
  HTMLCanvasElement.prototype.getContext = vi.fn(() => context) as unknown as HTMLCanvasElement['getContext'];
  const toBlob = vi.fn((callback: BlobCallback) => callback(still));
  HTMLCanvasElement.prototype.toBlob = toBlob;
  return { context, toBlob };
}
