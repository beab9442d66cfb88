/**
 * Window-wide file drag and drop: while files are dragged over the window a drop zone overlay is
 * shown; dropping hands the files over. A drop anywhere else in the window never makes the browser
 * navigate to the file (which would leave the app).
 */
import { useEffect, useRef, useState } from 'react';
import { useImportI18n } from './useImportI18n';

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

/** Listen for files dragged onto the window; returns whether a file drag is over it now. */
export function useWindowFileDrop(onFiles: (files: File[]) => void, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const cb = useRef(onFiles);
  cb.current = onFiles;
  useEffect(() => {
    if (!enabled) return;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      // leaving the window (relatedTarget null) or the last nested element
      if (depth.current === 0 || e.relatedTarget === null) {
        depth.current = 0;
        setDragging(false);
      }
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) cb.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      depth.current = 0;
      setDragging(false);
    };
  }, [enabled]);
  return dragging;
}

/** The drop zone overlay shown over the whole window while files are dragged over it. */
export function DropOverlay() {
  const { t } = useImportI18n();
  return (
    <div className="imp-drop-overlay" data-testid="import-drop-overlay" aria-hidden="true">
      <div className="imp-drop-overlay-box">
        <div className="imp-drop-icon">⇩</div>
        <div className="imp-drop-overlay-title">{t('dropOverlay')}</div>
        <div className="muted">{t('dropOverlaySub')}</div>
      </div>
    </div>
  );
}

/**
 * For App: catch files dropped anywhere in the window while the import view is closed, show the
 * overlay, and hand them over (App then opens ImportView with `initialFiles`).
 */
export function WindowFileDrop({ onFiles, enabled = true }: { onFiles(files: File[]): void; enabled?: boolean }) {
  const dragging = useWindowFileDrop(onFiles, enabled);
  return dragging ? <DropOverlay /> : null;
}
