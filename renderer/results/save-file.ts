/**
 * Saves a Blob through the browser's own download (a temporary <a download>), which both hosts
 * support: Electron asks where to save it, the web station uses the browser's downloads.
 */
export function saveFile(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download in some engines; the next task is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
