'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';

export interface ModalProps {
  open: boolean;
  onClose(): void;
  title: string;
  children: ReactNode;
  /** Buttons shown at the bottom right. */
  actions?: ReactNode;
  size?: 'small' | 'large';
}

/** A native modal <dialog>: focus is trapped inside, Escape closes, focus returns to the opener. */
export function Modal({ open, onClose, title, children, actions, size = 'large' }: ModalProps) {
  const t = useTranslations('workspace');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? (
        <div className="modal-inner">
          <header className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="modal-close" aria-label={t('modal.close')} onClick={onClose}>
              ×
            </button>
          </header>
          <div className="modal-body">{children}</div>
          {actions ? <footer className="modal-actions">{actions}</footer> : null}
        </div>
      ) : null}
    </dialog>
  );
}
