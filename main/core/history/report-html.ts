/**
 * Small HTML helpers for the evidence report. Everything in a report is customer data or comes from
 * Progeny, so every value goes through `escapeHtml`; images go in only as data: URLs of a type
 * recognised from their own bytes, never from a stored content type.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The image formats a report embeds, by signature; anything else is listed but not shown. */
export function imageMimeType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  return null;
}

export function dataUrl(bytes: Uint8Array): string | null {
  const type = imageMimeType(bytes);
  return type && `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

/**
 * Local time in the operator's locale, followed by UTC in ISO 8601: evidence must be unambiguous
 * when read in another time zone. An unknown locale falls back to en-GB rather than failing.
 */
export function timeFormatter(locale: string | undefined, timeZone?: string): (ms: number | null) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale ?? 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  }
  return (ms) => (ms === null ? '—' : `${format.format(ms)} (${new Date(ms).toISOString()})`);
}

/** A two-column table of label → value rows; rows whose value is null/undefined are left out. */
export function definitionTable(rows: ReadonlyArray<readonly [string, unknown]>): string {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return '<p class="muted">Nothing recorded.</p>';
  return `<table class="facts"><tbody>${shown.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</tbody></table>`;
}

/** A table with a header row; every cell escaped. */
export function dataTable(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  return `<table class="grid"><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export const yesNo = (value: boolean | null | undefined, yes = 'yes', no = 'no'): string | null => (value === true ? yes : value === false ? no : null);
