/** How files get into the import section: the drop zone with its file and folder buttons, and what the files are. */
import type { DragEvent, JSX } from 'react';
import { filesFromDataTransfer, filesFromFileList } from '../../data/import/browserFiles';
import type { ImportKind } from '../../state/userData';
import { importFiles } from './importFiles';

export type ImportMode = ImportKind | 'auto';

interface DropZoneProps {
  mode: ImportMode;
  busy: boolean;
  /** A drag is over the zone (kept by the section, so it survives closing and reopening). */
  over: boolean;
  setOver: (over: boolean) => void;
}

export function ImportDropZone({ mode, busy, over, setOver }: DropZoneProps): JSX.Element {
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    void filesFromDataTransfer(e.dataTransfer).then((files) => importFiles(files, mode));
  };
  const onChoose = (list: FileList | null): void => {
    if (list?.length) void filesFromFileList(list).then((files) => importFiles(files, mode));
  };
  return (
    <div
      className={`drop-zone ${over ? 'over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <strong>{busy ? 'Reading…' : 'Drop files, a folder or a .zip here'}</strong>
      <span>PNG (8/16-bit), JPEG, NIfTI .nii/.nii.gz, .npy</span>
      <span className="import-buttons">
        <label className="file-button">
          Choose files
          <input type="file" multiple data-testid="input-import-files" onChange={(e) => onChoose(e.target.files)} />
        </label>
        <label className="file-button">
          Choose a folder
          <input
            type="file"
            data-testid="input-import-folder"
            {...{ webkitdirectory: '' }}
            onChange={(e) => onChoose(e.target.files)}
          />
        </label>
      </span>
    </div>
  );
}

export function ImportModeChoice({ mode, setMode }: { mode: ImportMode; setMode: (mode: ImportMode) => void }) {
  return (
    <fieldset className="import-mode">
      <legend>The files are</legend>
      {(
        [
          ['auto', 'decided by their names'],
          ['pairs', 'images with masks: train on them'],
          ['analysis', 'probability maps with masks: analyse only'],
        ] as const
      ).map(([value, text]) => (
        <label key={value}>
          <input
            type="radio"
            name="import-mode"
            value={value}
            checked={mode === value}
            onChange={() => setMode(value)}
            data-testid={`import-mode-${value}`}
          />{' '}
          {text}
        </label>
      ))}
    </fieldset>
  );
}
