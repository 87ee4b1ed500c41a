'use client';

import { useTranslations } from 'next-intl';

/** A Raft role in the viewer's language (leader, follower and candidate stay English in Chinese too). */
export function useRoleName(): (role: string) => string {
  const t = useTranslations('viewer');
  return (role) => {
    switch (role) {
      case 'leader':
        return t('roles.leader');
      case 'follower':
        return t('roles.follower');
      case 'candidate':
        return t('roles.candidate');
      case 'pre-candidate':
        return t('roles.preCandidate');
      case 'down':
        return t('roles.down');
      default:
        return role;
    }
  };
}
