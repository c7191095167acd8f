/**
 * What arrived by drop or paste, reduced to the one file the slot takes: the first image (a lone
 * non-image file is still taken, so the pre-check can say exactly what it is, e.g. a PDF).
 */

export type IntakeItem = { kind: 'file'; file: File } | { kind: 'directory' } | { kind: 'other' };

export type Intake = { ok: true; file: File; ignored: number } | { ok: false; problem: 'directory' | 'not-a-file' | 'nothing' };

export function pickImage(items: readonly IntakeItem[]): Intake {
  const files = items.flatMap((item) => (item.kind === 'file' ? [item.file] : []));
  const chosen = files.find((file) => file.type.startsWith('image/')) ?? files[0];
  if (chosen) return { ok: true, file: chosen, ignored: items.length - 1 };
  if (items.some((item) => item.kind === 'directory')) return { ok: false, problem: 'directory' };
  if (items.length > 0) return { ok: false, problem: 'not-a-file' };
  return { ok: false, problem: 'nothing' };
}

const isDirectory = (item: DataTransferItem): boolean => {
  // webkitGetAsEntry is the only way a page can tell a dropped folder from a file.
  const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
  return entry?.isDirectory ?? false;
};

/** Reads a drop's or paste's DataTransfer; must run synchronously inside the event handler. */
export function intakeItems(transfer: DataTransfer): IntakeItem[] {
  const items = transfer.items ? Array.from(transfer.items) : [];
  if (items.length === 0) return Array.from(transfer.files ?? []).map((file) => ({ kind: 'file', file }));
  const fileItems = items.filter((item) => item.kind === 'file');
  // A drag from another page carries the same link as several string flavours; count it once.
  if (fileItems.length === 0) return items.length > 0 ? [{ kind: 'other' }] : [];
  return fileItems.map((item): IntakeItem => {
    if (isDirectory(item)) return { kind: 'directory' };
    const file = item.getAsFile();
    return file ? { kind: 'file', file } : { kind: 'other' };
  });
}
