import { Center, Loader } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import type { Role } from '@purnajual/contract';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../../components/use-me';

/** Renders its children for a signed-in user of one of `roles`; sends others to sign in. */
export function RequireSession({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center mih="60vh">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.error instanceof ApiError && me.error.status === 401)
    return <Navigate to="/login" replace state={{ from: location }} />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (roles && !roles.includes(me.data.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
