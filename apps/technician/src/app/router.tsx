import { Center, Loader } from '@mantine/core';
import { lazyScreen } from '@purnajual/ui';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, type RouteObject, useRoutes } from 'react-router';
import { RequireSignIn } from '../features/auth/components/require-sign-in';
import { SignInPage } from '../features/auth/components/sign-in-page';

/*
 * Only sign-in is in the first download; the layout, home and every other screen are
 * fetched when first opened (the service worker precaches them all, so offline, and on
 * every start after the first, they open at once). This is what keeps the first visit
 * on a slow 4G connection within budget. The routes are plain route objects under a
 * <BrowserRouter>: a data router would add 20 KB to the first download and nothing here
 * needs its loaders.
 */

/** Shown while a lazily loaded screen arrives on the first page load. */
function ScreenLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh">
      <Loader role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

const screen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazyScreen(load, name, <ScreenLoader />);

const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    element: (
      <RequireSignIn>
        <Outlet />
      </RequireSignIn>
    ),
    children: [
      {
        element: screen(() => import('./layout'), 'Layout'),
        children: [
          { index: true, element: screen(() => import('../features/home/components/home-page'), 'HomePage') },
          {
            path: 'notifications',
            element: screen(
              () => import('../features/notifications/components/notifications-page'),
              'NotificationsPage',
            ),
          },
          {
            path: 'profile',
            element: screen(() => import('../features/profile/components/profile-page'), 'ProfilePage'),
          },
          {
            path: 'work-orders',
            element: screen(() => import('../features/work-orders/components/work-orders-page'), 'WorkOrdersPage'),
          },
          {
            path: 'work-orders/:id',
            element: screen(
              () => import('../features/work-orders/components/work-order-detail-page'),
              'WorkOrderDetailPage',
            ),
          },
          {
            path: 'work-orders/:id/appointment',
            element: screen(() => import('../features/schedule/components/set-appointment-page'), 'SetAppointmentPage'),
          },
          {
            path: 'work-orders/:id/report',
            element: screen(() => import('../features/work-orders/components/report-page'), 'ReportPage'),
          },
          {
            path: 'work-orders/:id/billing',
            element: screen(() => import('../features/work-orders/components/billing-page'), 'BillingPage'),
          },
          {
            path: 'schedule',
            element: screen(() => import('../features/schedule/components/schedule-page'), 'SchedulePage'),
          },
          {
            path: 'appointments',
            element: screen(() => import('../features/schedule/components/appointments-page'), 'AppointmentsPage'),
          },
          { path: 'parts', element: screen(() => import('../features/parts/components/parts-page'), 'PartsPage') },
          {
            path: 'parts/request',
            element: screen(() => import('../features/parts/components/request-page'), 'RequestPage'),
          },
          {
            path: 'parts/return',
            element: screen(() => import('../features/parts/components/return-page'), 'ReturnPage'),
          },
          { path: 'sync', element: screen(() => import('../features/sync/components/sync-page'), 'SyncPage') },
        ],
      },
    ],
  },
];

export const AppRoutes = () => useRoutes(routes);
