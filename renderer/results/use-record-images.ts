import { useEffect, useState } from 'react';
import type { HistoryDetail } from '../../common/contract';
import { loadRecordImage } from './image-blobs';

export type ImageState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'deleted' } | { status: 'failed'; message: string };

/** The full-size images of a record (not the thumbnails), by file field. */
export const fullImages = (detail: HistoryDetail) => detail.images.filter((image) => image.kind === 'image');

type Wanted = Array<[blobId: string, field: string, available: boolean]>;

/**
 * Loads each full-size image into an object URL for display; the URLs are revoked when the record
 * changes or the screen closes, so decrypted images do not outlive the view.
 */
export function useRecordImages(detail: HistoryDetail): Record<string, ImageState> {
  const { id } = detail;
  // Only the list of images matters, not every refresh of the record.
  const key = JSON.stringify([id, fullImages(detail).map(({ blobId, field, available }) => [blobId, field, available])]);
  const [loaded, setLoaded] = useState<{ key: string; images: Record<string, ImageState> }>({ key: '', images: {} });

  useEffect(() => {
    const [recordId, wanted] = JSON.parse(key) as [string, Wanted];
    const urls: string[] = [];
    let current = true;
    for (const [blobId, field, available] of wanted) {
      if (!available) continue;
      void loadRecordImage(recordId, blobId).then((result) => {
        if (!current) return;
        let next: ImageState;
        if (result.ok) {
          const url = URL.createObjectURL(result.value);
          urls.push(url);
          next = { status: 'ready', url };
        } else {
          // Retention can remove an image between reading the record and asking for it.
          next = result.error.code === 'not-found' ? { status: 'deleted' } : { status: 'failed', message: result.error.message };
        }
        setLoaded((previous) => ({ key, images: { ...(previous.key === key ? previous.images : {}), [field]: next } }));
      });
    }
    return () => {
      current = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [key]);

  const images: Record<string, ImageState> = {};
  for (const image of fullImages(detail)) {
    images[image.field] = !image.available ? { status: 'deleted' } : ((loaded.key === key ? loaded.images[image.field] : undefined) ?? { status: 'loading' });
  }
  return images;
}
