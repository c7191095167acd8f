import { useEffect, useState } from 'react';

export interface CameraChoice {
  deviceId: string;
  /** Empty until the page has been allowed to use a camera (browsers hide names before that). */
  label: string;
}

/**
 * The video inputs the browser lists, kept current as cameras are plugged in or out; null when the
 * browser cannot list them. Before camera permission some browsers list one anonymous entry with
 * no id: it cannot be chosen, but its empty label still tells us names are being withheld.
 */
export function useCameras(): CameraChoice[] | null {
  const [cameras, setCameras] = useState<CameraChoice[] | null>(null);
  useEffect(() => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let current = true;
    const read = () =>
      void media
        .enumerateDevices()
        .then((devices) => {
          if (current) setCameras(devices.filter((device) => device.kind === 'videoinput').map(({ deviceId, label }) => ({ deviceId, label })));
        })
        .catch(() => {
          if (current) setCameras(null);
        });
    read();
    media.addEventListener('devicechange', read);
    return () => {
      current = false;
      media.removeEventListener('devicechange', read);
    };
  }, []);
  return cameras;
}
