import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthForm } from '@/components/account/auth-form';
import { safeNextPath } from '@/lib/auth/next-path';
import '../quiz/quiz.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('signup.title') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const t = await getTranslations('account');
  return (
    <div className="auth-page">
      <h1 className="page-title">{t('signup.title')}</h1>
      <p className="lead">{t('signup.lead')}</p>
      <AuthForm mode="signup" next={next} />
    </div>
  );
}
