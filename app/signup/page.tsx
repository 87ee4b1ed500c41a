import type { Metadata } from 'next';
import { AuthForm } from '@/components/account/auth-form';
import { safeNextPath } from '@/lib/auth/next-path';
import '../quiz/quiz.css';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <div className="auth-page">
      <h1 className="page-title">Create an account</h1>
      <p className="lead">Keep your progress across browsers. Everything you did as a guest in this browser (lessons, answers, review cards) stays with you.</p>
      <AuthForm mode="signup" next={next} />
    </div>
  );
}
