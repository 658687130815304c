/**
 * Saves `blob` as a file named `fileName` through the page's own download (the browser's in web mode,
 * Electron's save dialog in the app). The object URL is released a minute later.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
