/**
 * Blob → base64 for the bridge. The browser's own data-URL encoder does the work, so a 10 MB
 * photo never goes through a JavaScript string built byte by byte (or a spread that overflows
 * the stack).
 */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result;
      if (typeof url === 'string') resolve(url.slice(url.indexOf(',') + 1));
      else reject(new Error('the image was not read as a data URL'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}
