'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/_actions/tokens';
import type { ApiTokenView } from '@/lib/data/api-tokens';

/** The progress page's API-token section: create (the token is shown once, with a copy button), list with last use, revoke. */
export function ApiTokens({ initial, guest }: { initial: ApiTokenView[]; guest: boolean }) {
  const t = useTranslations('account.tokens');
  const format = useFormatter();
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<string | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="card api-tokens" aria-labelledby="api-tokens">
      <h2 id="api-tokens">{t('title')}</h2>
      <p>{t.rich('intro', { command: () => <code>npm run lab -- login</code> })}</p>
      {guest ? (
        <p className="muted">{t('guest')}</p>
      ) : (
        <form
          className="quiz-actions"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const res = await createTokenAction({ name });
              if (!res.ok) return setError(res.error);
              setError(null);
              setName('');
              setCopied(false);
              setFresh(res.data.token);
              setTokens(res.data.tokens);
            });
          }}
        >
          <label htmlFor="token-name">{t('nameLabel')}</label>
          <input id="token-name" value={name} maxLength={60} placeholder={t('namePlaceholder')} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? 'token-error' : undefined} />
          <button type="submit" className="button" disabled={pending}>
            {pending ? t('creating') : t('create')}
          </button>
        </form>
      )}
      {error ? (
        <p id="token-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {fresh ? (
        <div role="status">
          <h3>{t('createdTitle')}</h3>
          <p>{t('createdBody')}</p>
          <p>
            <code data-testid="new-api-token">{fresh}</code>{' '}
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(fresh).then(() => setCopied(true));
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>
          </p>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul>
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <span className="muted">· {t('created', { date: when(token.createdAt) })} · {token.lastUsedAt ? t('lastUsed', { date: when(token.lastUsedAt) }) : t('neverUsed')}</span>
              {token.revokedAt ? (
                <span className="muted"> · {t('revoked', { date: when(token.revokedAt) })}</span>
              ) : (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button secondary"
                    disabled={revoking === token.id}
                    onClick={() => {
                      setRevoking(token.id);
                      startTransition(async () => {
                        const res = await revokeTokenAction(token.id);
                        setRevoking(null);
                        if (!res.ok) return setError(res.error);
                        setError(null);
                        setTokens(res.data);
                      });
                    }}
                  >
                    {revoking === token.id ? t('revoking') : t('revoke')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
