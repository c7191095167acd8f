/** A whole number within [min, max] typed by the operator, or null when it is not one. */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 3650;
export const IDLE_LOCK_MAX_MINUTES = 240;

export interface RetentionCheck {
  images: 'imagesInvalid' | null;
  records: 'recordsInvalid' | 'recordsShorter' | null;
  value: { imagesDays: number; recordsDays: number } | null;
}

/** Both periods are whole days in range, and records are kept at least as long as images: an image without its record explains nothing. */
export function checkRetention(imagesText: string, recordsText: string): RetentionCheck {
  const imagesDays = parseWholeNumber(imagesText, RETENTION_MIN_DAYS, RETENTION_MAX_DAYS);
  const recordsDays = parseWholeNumber(recordsText, RETENTION_MIN_DAYS, RETENTION_MAX_DAYS);
  const images = imagesDays === null ? 'imagesInvalid' : null;
  const records = recordsDays === null ? 'recordsInvalid' : imagesDays !== null && recordsDays < imagesDays ? 'recordsShorter' : null;
  return { images, records, value: imagesDays !== null && recordsDays !== null && records === null ? { imagesDays, recordsDays } : null };
}
