import { describe, expect, it, vi } from 'vitest';
import { CameraError, classifyCameraError, openCamera, watchForLoss } from '../../../renderer/capture/camera';
import { installFakeCamera } from './fake-camera';

const domError = (name: string) => new DOMException('camera said no', name);

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'in-use'],
    ['AbortError', 'in-use'],
    ['TrackStartError', 'in-use'],
    ['NotSupportedError', 'unavailable'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyCameraError(domError(name))).toBe(kind);
  });

  it('reads the name of plain errors too (Electron rethrows some as Error)', () => {
    const error = new Error('Could not start video source');
    error.name = 'NotReadableError';
    expect(classifyCameraError(error)).toBe('in-use');
    expect(classifyCameraError('something odd')).toBe('unavailable');
  });

  it('keeps the kind of an already classified failure', () => {
    expect(classifyCameraError(new CameraError('lost', 'track ended'))).toBe('lost');
  });
});

describe('openCamera', () => {
  it('asks for 1920x1080 from the chosen camera', async () => {
    const camera = installFakeCamera({
      devices: [
        { deviceId: 'cam-1', label: 'A' },
        { deviceId: 'cam-2', label: 'B' },
      ],
    });
    await openCamera('cam-2');
    expect(camera.getUserMedia).toHaveBeenCalledWith({ audio: false, video: { width: { ideal: 1920 }, height: { ideal: 1080 }, deviceId: { exact: 'cam-2' } } });
  });

  it('is "no camera" without asking for one when no video input is listed', async () => {
    const camera = installFakeCamera({ devices: [] });
    await expect(openCamera('')).rejects.toMatchObject({ kind: 'no-camera' });
    expect(camera.getUserMedia).not.toHaveBeenCalled();
  });

  it('falls back to the default camera when the remembered one is gone', async () => {
    const camera = installFakeCamera({
      open: (deviceId) => {
        if (deviceId === 'unplugged') throw domError('OverconstrainedError');
      },
    });
    await openCamera('unplugged');
    expect(camera.getUserMedia).toHaveBeenCalledTimes(2);
    expect((camera.getUserMedia.mock.calls[1]![0].video as MediaTrackConstraints).deviceId).toBeUndefined();
  });

  it('throws a classified CameraError carrying the browser error name', async () => {
    installFakeCamera({
      open: () => {
        throw domError('NotAllowedError');
      },
    });
    await expect(openCamera('')).rejects.toMatchObject({ kind: 'permission-denied', reason: 'NotAllowedError' });
  });
});

describe('watchForLoss', () => {
  it('reports a track that ends on its own, once, and stops watching when told', async () => {
    const camera = installFakeCamera();
    const stream = await openCamera('');
    const onLost = vi.fn();
    const unwatch = watchForLoss(stream, onLost);
    camera.tracks[0]!.end();
    camera.tracks[0]!.end();
    expect(onLost).toHaveBeenCalledTimes(1);
    unwatch();
    expect(camera.mediaDevices.removeEventListener).toHaveBeenCalledWith('devicechange', expect.any(Function));
  });

  it('reports the camera vanishing from the device list', async () => {
    const camera = installFakeCamera();
    const stream = await openCamera('');
    const onLost = vi.fn();
    watchForLoss(stream, onLost);
    camera.mediaDevices.enumerateDevices.mockResolvedValueOnce([]);
    const onDeviceChange = camera.mediaDevices.addEventListener.mock.calls[0]![1] as () => void;
    onDeviceChange();
    await vi.waitFor(() => expect(onLost).toHaveBeenCalledTimes(1));
  });
});
