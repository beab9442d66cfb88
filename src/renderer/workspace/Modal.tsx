import { useEffect, type ReactNode } from 'react';

/** A modal dialog (Escape and a click outside close it unless `busy`). */
export function Modal({ title, testId, onClose, busy, wide, children }: { title: string; testId: string; onClose(): void; busy?: boolean; wide?: boolean; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [busy, onClose]);
  return (
    <div className="modal-backdrop ws-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className={`modal ws-modal${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="ws-modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
