import type { ImageRole } from '../../common/analysis/check';
import { sniffFormat } from '../../common/analysis/image-header';
import { precheck, type AnalysisEnvironment, type PrecheckResult } from '../../common/analysis/precheck';
import { readFileForPrecheck } from '../analysis/browser-image';
import type { SlotImage } from './slot-types';

export interface ReadImage {
  bytes: Uint8Array;
  totalBytes: number;
  /** From the bytes, not the file name or the browser's guess. */
  contentType: SlotImage['contentType'];
}

export async function readImage(blob: Blob): Promise<ReadImage> {
  const { bytes, totalBytes } = await readFileForPrecheck(blob);
  const format = sniffFormat(bytes);
  return { bytes, totalBytes, contentType: format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : 'other' };
}

export const checkImage = (role: ImageRole, image: ReadImage, engine: AnalysisEnvironment): Promise<PrecheckResult> => precheck(role, image.bytes, engine, image.totalBytes);
