'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition, type FormEvent } from 'react';
import { logInAction, signUpAction } from '@/app/_actions/account';

type Fields = { identifier: string; password: string; confirm: string };

/**
 * Sign-up and sign-in forms. Controlled inputs submitted through a server action, so on an error
 * everything typed stays in place (the password never travels back from the server).
 */
export function AuthForm({ mode, next }: { mode: 'signup' | 'login'; next: string }) {
  const t = useTranslations('account');
  const router = useRouter();
  const [values, setValues] = useState<Fields>({ identifier: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (k: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    setErrors({});
    startTransition(async () => {
      let res: Awaited<ReturnType<typeof logInAction>>;
      try {
        res = mode === 'signup' ? await signUpAction(values) : await logInAction({ identifier: values.identifier, password: values.password });
      } catch {
        // The request itself failed: offline, or the server refused it before the form's action ran (too many attempts).
        setMessage(t('form.refused'));
        return;
      }
      if (!res.ok) {
        setMessage(res.error);
        setErrors(res.fields ?? {});
        return;
      }
      window.dispatchEvent(new Event('accountchange'));
      router.push(next);
      router.refresh();
    });
  }

  const field = (name: keyof Fields, label: string, type: string, autoComplete: string, help?: string) => (
    <div className={errors[name] ? 'form-field invalid' : 'form-field'}>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={values[name]}
        onChange={set(name)}
        aria-invalid={Boolean(errors[name])}
        aria-describedby={[help ? `${name}-help` : '', errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}
        required
      />
      {help ? (
        <small id={`${name}-help`} className="muted">
          {help}
        </small>
      ) : null}
      {errors[name] ? (
        <small id={`${name}-error`} className="field-error">
          {errors[name]!.charAt(0).toUpperCase() + errors[name]!.slice(1)}
        </small>
      ) : null}
    </div>
  );

  return (
    <form className="card auth-form" onSubmit={onSubmit} noValidate aria-busy={pending}>
      {message ? (
        <div className="error-box" role="alert">
          {message}
        </div>
      ) : null}
      {field('identifier', t('form.identifier'), 'text', 'username', mode === 'signup' ? t('form.identifierHelp') : undefined)}
      {field('password', t('form.password'), 'password', mode === 'signup' ? 'new-password' : 'current-password', mode === 'signup' ? t('form.passwordHelp') : undefined)}
      {mode === 'signup' ? field('confirm', t('form.confirm'), 'password', 'new-password') : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? (mode === 'signup' ? t('form.creating') : t('form.signingIn')) : mode === 'signup' ? t('form.create') : t('form.signIn')}
      </button>
      <p className="muted small">
        {mode === 'signup'
          ? t.rich('form.haveAccount', { link: (c) => <Link href={`/login?next=${encodeURIComponent(next)}`}>{c}</Link> })
          : t.rich('form.newHere', { link: (c) => <Link href={`/signup?next=${encodeURIComponent(next)}`}>{c}</Link> })}
      </p>
    </form>
  );
}
