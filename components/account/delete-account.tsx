'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { deleteAccountAction } from '@/app/_actions/account';

/** Deletes the learner's data after an explicit confirmation (type "delete" in a dialog). */
export function DeleteAccount({ guest }: { guest: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const what = guest ? 'this guest profile' : 'your account';
  return (
    <>
      <button type="button" className="button danger" onClick={() => dialog.current?.showModal()}>
        Delete {guest ? 'my progress' : 'my account'}…
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
          <h2 id="delete-title">Delete {what}?</h2>
          <p>All lessons read, answers, review cards, lab drafts and submissions are deleted for good. Export your data first if you want a copy.</p>
          <label htmlFor="confirm-delete">
            Type <strong>delete</strong> to confirm
          </label>
          <input id="confirm-delete" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" aria-invalid={Boolean(error)} aria-describedby={error ? 'delete-error' : undefined} />
          {error ? (
            <p id="delete-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="quiz-actions">
            <button type="submit" className="button danger" disabled={pending}>
              {pending ? 'Deleting…' : 'Delete everything'}
            </button>
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
