'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { deleteAccountAction } from '@/app/_actions/account';

/** Deletes the learner's data after an explicit confirmation (type "delete", or 删除 in Chinese, in a dialog). */
export function DeleteAccount({ guest }: { guest: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const t = useTranslations('account');
  return (
    <>
      <button type="button" className="button danger" onClick={() => dialog.current?.showModal()}>
        {guest ? t('delete.openGuest') : t('delete.openAccount')}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="delete-title" onClose={() => setError(null)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const res = await deleteAccountAction(confirm);
              if (!res.ok) return setError(res.error);
              dialog.current?.close();
              window.dispatchEvent(new Event('accountchange'));
              router.push('/');
              router.refresh();
            });
          }}
        >
          <h2 id="delete-title">{guest ? t('delete.titleGuest') : t('delete.titleAccount')}</h2>
          <p>{t('delete.body')}</p>
          <label htmlFor="confirm-delete">{t.rich('delete.confirmLabel', { b: (c) => <strong>{c}</strong> })}</label>
          <input id="confirm-delete" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" aria-invalid={Boolean(error)} aria-describedby={error ? 'delete-error' : undefined} />
          {error ? (
            <p id="delete-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="quiz-actions">
            <button type="submit" className="button danger" disabled={pending}>
              {pending ? t('delete.deleting') : t('delete.submit')}
            </button>
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              {t('delete.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
