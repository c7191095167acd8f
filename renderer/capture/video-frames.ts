import type { RawImage } from '../../common/analysis/pixels';

/** Width of the frames live guidance analyses: enough for the face mesh, cheap to copy 8 times a second. */
export const GUIDANCE_FRAME_WIDTH = 640;
export const CAPTURE_JPEG_QUALITY = 0.92;

const hasFrame = (video: HTMLVideoElement) => video.videoWidth > 0 && video.videoHeight > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;

/** The current video frame reduced to `width` pixels wide, as the engine takes it; null before the first frame. */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, width = GUIDANCE_FRAME_WIDTH): RawImage | null {
  if (!hasFrame(video)) return null;
  const scale = Math.min(1, width / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, channels: 4, data };
}

/** The full-resolution frame as a JPEG, never mirrored (the preview mirror is CSS only). */
export async function captureStill(video: HTMLVideoElement): Promise<Blob> {
  if (!hasFrame(video)) throw new Error('the camera has not delivered a picture yet');
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas is available');
  context.drawImage(video, 0, 0);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the picture'))), 'image/jpeg', CAPTURE_JPEG_QUALITY);
  });
}
