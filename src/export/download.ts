/** Saves a Blob under a file name: a temporary object URL on a hidden anchor, revoked afterwards. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser reads the URL after the click returns; a minute is ample before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Several files in a row: browsers may drop a download started in the same task as another. */
export async function downloadAll(files: readonly { name: string; blob: Blob }[]): Promise<void> {
  for (const [i, f] of files.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 150));
    downloadBlob(f.blob, f.name);
  }
}
