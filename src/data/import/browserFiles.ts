/** Browser glue: File inputs, drag-and-drop (folders too) and a JPEG decoder. Not used in Node. */
import type { InputFile, JpegDecoder } from './types';

async function readFile(file: File, path: string): Promise<InputFile> {
  return { path, data: new Uint8Array(await file.arrayBuffer()) };
}

/** Reads an `<input type=file>` selection; folder picks (webkitdirectory) keep their relative paths. */
export async function filesFromFileList(list: FileList | File[]): Promise<InputFile[]> {
  const files = Array.from(list);
  return Promise.all(files.map((f) => readFile(f, f.webkitRelativePath || f.name)));
}

function fileOfEntry(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory (readEntries returns them in batches until an empty one). */
async function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: InputFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) {
    out.push(await readFile(await fileOfEntry(entry as FileSystemFileEntry), path));
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/**
 * Reads a drop: files and whole folders (via webkitGetAsEntry), paths relative to the drop.
 * Call it synchronously inside the drop handler — entries must be taken before the first await.
 */
export async function filesFromDataTransfer(dt: DataTransfer): Promise<InputFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  const items = dt.items ? Array.from(dt.items) : [];
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (items.length === 0) return filesFromFileList(dt.files);
  const out: InputFile[] = [];
  for (const e of entries) await walk(e, out);
  out.push(...(await filesFromFileList(loose)));
  return out;
}

/** Decodes a JPEG with createImageBitmap and reads it back through an OffscreenCanvas. */
export const decodeJpegInBrowser: JpegDecoder = async (data) => {
  const blob = new Blob([new Uint8Array(data)], { type: 'image/jpeg' });
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
};
