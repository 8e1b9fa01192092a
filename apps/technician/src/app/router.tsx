import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet } from 'react-router';
import { RequireSignIn } from '../features/auth/components/require-sign-in';
import { SignInPage } from '../features/auth/components/sign-in-page';

/*
 * Only sign-in is in the first download; the layout, home and every other screen are
 * fetched when first opened (the service worker precaches them all, so offline, and on
 * every start after the first, they open at once). This is what keeps the first visit
 * on a slow 4G connection within budget.
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

export const router = createBrowserRouter(
  [
    { path: '/login', element: <SignInPage /> },
    {
      element: (
        <RequireSignIn>
          <Outlet />
        </RequireSignIn>
      ),
      hydrateFallbackElement: <ScreenLoader />,
      children: [
        {
          lazy: async () => ({ Component: (await import('./layout')).Layout }),
          children: [
            {
              index: true,
              lazy: async () => ({ Component: (await import('../features/home/components/home-page')).HomePage }),
            },
            {
              path: 'notifications',
              lazy: async () => ({
                Component: (await import('../features/notifications/components/notifications-page')).NotificationsPage,
              }),
            },
            {
              path: 'profile',
              lazy: async () => ({
                Component: (await import('../features/profile/components/profile-page')).ProfilePage,
              }),
            },
            {
              path: 'work-orders',
              lazy: async () => ({
                Component: (await import('../features/work-orders/components/work-orders-page')).WorkOrdersPage,
              }),
            },
            {
              path: 'work-orders/:id',
              lazy: async () => ({
                Component: (await import('../features/work-orders/components/work-order-detail-page'))
                  .WorkOrderDetailPage,
              }),
            },
            {
              path: 'work-orders/:id/appointment',
              lazy: async () => ({
                Component: (await import('../features/schedule/components/set-appointment-page')).SetAppointmentPage,
              }),
            },
            {
              path: 'work-orders/:id/report',
              lazy: async () => ({
                Component: (await import('../features/work-orders/components/report-page')).ReportPage,
              }),
            },
            {
              path: 'work-orders/:id/billing',
              lazy: async () => ({
                Component: (await import('../features/work-orders/components/billing-page')).BillingPage,
              }),
            },
            {
              path: 'schedule',
              lazy: async () => ({
                Component: (await import('../features/schedule/components/schedule-page')).SchedulePage,
              }),
            },
            {
              path: 'appointments',
              lazy: async () => ({
                Component: (await import('../features/schedule/components/appointments-page')).AppointmentsPage,
              }),
            },
            {
              path: 'parts',
              lazy: async () => ({ Component: (await import('../features/parts/components/parts-page')).PartsPage }),
            },
            {
              path: 'parts/request',
              lazy: async () => ({
                Component: (await import('../features/parts/components/request-page')).RequestPage,
              }),
            },
            {
              path: 'parts/return',
              lazy: async () => ({ Component: (await import('../features/parts/components/return-page')).ReturnPage }),
            },
            {
              path: 'sync',
              lazy: async () => ({ Component: (await import('../features/sync/components/sync-page')).SyncPage }),
            },
          ],
        },
      ],
    },
  ],
  { basename: '/m' },
);
