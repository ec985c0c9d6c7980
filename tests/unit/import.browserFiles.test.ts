import { describe, expect, it, vi } from 'vitest';
import { filesFromDataTransfer, filesFromFileList, importPairs } from '../../src/data/import';
import { writeFakeJpeg } from '../fixtures/writers';

const bytes = (...v: number[]): Uint8Array<ArrayBuffer> => new Uint8Array(v);

/** Minimal stand-ins for the File System Entry API (Node has File but no entries). */
function fileEntry(fullPath: string, data: Uint8Array): FileSystemFileEntry {
  const name = fullPath.split('/').pop() ?? '';
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok: (f: File) => void) => ok(new File([data.slice()], name)),
  } as unknown as FileSystemFileEntry;
}

function dirEntry(fullPath: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop() ?? '',
    fullPath,
    createReader: () => {
      // hand the children out in batches of 2, then an empty batch, like Chromium's 100-entry batches
      let at = 0;
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) => {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('browser glue (with stand-ins)', () => {
  it('filesFromFileList keeps relative paths when present', async () => {
    const a = new File([bytes(1, 2)], 'a.png');
    const b = new File([bytes(3)], 'b.png');
    Object.defineProperty(b, 'webkitRelativePath', { value: 'dir/sub/b.png' });
    const out = await filesFromFileList([a, b]);
    expect(out.map((f) => [f.path, Array.from(f.data)])).toEqual([
      ['a.png', [1, 2]],
      ['dir/sub/b.png', [3]],
    ]);
  });

  it('filesFromDataTransfer walks dropped folders (all batches) and loose files', async () => {
    const tree = dirEntry('/data', [
      dirEntry('/data/images', [
        fileEntry('/data/images/x.png', bytes(1)),
        fileEntry('/data/images/y.png', bytes(2)),
        fileEntry('/data/images/z.png', bytes(3)),
      ]),
      fileEntry('/data/readme.txt', bytes(4)),
    ]);
    const loose = new File([bytes(9)], 'loose.npy');
    const dt = {
      items: [
        { kind: 'file', webkitGetAsEntry: () => tree, getAsFile: () => null },
        { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
        { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => loose },
      ],
      files: [],
    } as unknown as DataTransfer;
    const out = await filesFromDataTransfer(dt);
    expect(out.map((f) => [f.path, Array.from(f.data)])).toEqual([
      ['data/images/x.png', [1]],
      ['data/images/y.png', [2]],
      ['data/images/z.png', [3]],
      ['data/readme.txt', [4]],
      ['loose.npy', [9]],
    ]);
  });

  it('a JPEG over maxSide is rejected from its SOF header without calling the decoder', async () => {
    const decodeJpeg = vi.fn(async () => ({ width: 1, height: 1, rgba: new Uint8ClampedArray(4) }));
    const r = await importPairs(
      [
        { path: 'wide.jpg', data: writeFakeJpeg(5000, 2, []) },
        { path: 'wide_mask.png', data: bytes(0) },
      ],
      { decodeJpeg },
    );
    expect(r.problems.map((p) => p.message)).toEqual([
      'wide.jpg is 5000×2; images larger than 4096 px per side are not imported',
    ]);
    expect(decodeJpeg).not.toHaveBeenCalled();
  });
});
