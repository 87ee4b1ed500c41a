'use client';

import { useEffect } from 'react';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="status-page" aria-labelledby="err-title" role="alert">
      <h1 id="err-title">Something went wrong</h1>
      <p className="muted">
        Nothing you saved is lost. Try again; if it keeps happening, the reference below helps us find it.
      </p>
      {error.digest ? (
        <p>
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </section>
  );
}
