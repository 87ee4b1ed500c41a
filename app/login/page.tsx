import type { Metadata } from 'next';
import { AuthForm } from '@/components/account/auth-form';
import { safeNextPath } from '@/lib/auth/next-path';
import '../quiz/quiz.css';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LogInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <div className="auth-page">
      <h1 className="page-title">Sign in</h1>
      <p className="lead">With the username or email address you signed up with.</p>
      <AuthForm mode="login" next={next} />
    </div>
  );
}
