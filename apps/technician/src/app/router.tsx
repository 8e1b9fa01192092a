import { createBrowserRouter } from 'react-router';
import { RequireSignIn } from '../features/auth/components/require-sign-in';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { HomePage } from '../features/home/components/home-page';
import { Layout } from './layout';

/*
 * Sign-in and home are in the first download; every other screen is fetched when first
 * opened (the service worker precaches them all, so offline they open at once). This is
 * what keeps the first paint on a slow 4G connection within budget.
 */
export const router = createBrowserRouter(
  [
    { path: '/login', element: <SignInPage /> },
    {
      element: (
        <RequireSignIn>
          <Layout />
        </RequireSignIn>
      ),
      children: [
        { index: true, element: <HomePage /> },
        {
          path: 'notifications',
          lazy: async () => ({
            Component: (await import('../features/notifications/components/notifications-page')).NotificationsPage,
          }),
        },
        {
          path: 'profile',
          lazy: async () => ({ Component: (await import('../features/profile/components/profile-page')).ProfilePage }),
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
            Component: (await import('../features/work-orders/components/work-order-detail-page')).WorkOrderDetailPage,
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
          lazy: async () => ({ Component: (await import('../features/parts/components/request-page')).RequestPage }),
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
  { basename: '/m' },
);
