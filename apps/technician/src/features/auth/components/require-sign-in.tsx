import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../../data/session';

/** The app for a technician who has signed in once on this phone; everyone else signs in. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.kind === 'loading') {
    return (
      <Center mih="100dvh">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.kind === 'signedOut') return <Navigate to="/login" replace />;
  return <>{children}</>;
}
