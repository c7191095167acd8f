/** The record's images come over the bridge as base64; the screen needs Blobs. */
import type { Result } from '../../common/result';
import { callMain } from '../app/call-main';

export function base64ToBlob(data: string, contentType: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: contentType });
}

export async function loadRecordImage(id: string, blobId: string): Promise<Result<Blob>> {
  const result = await callMain('history:image', { id, blobId });
  return result.ok ? { ok: true, value: base64ToBlob(result.value.data, result.value.contentType) } : result;
}
