import { Alert, Anchor, Center, Loader, Stack, Text } from '@mantine/core';
import { officeRoles, stockOfficeRoles } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { useMe } from '../components/use-me';
import { BranchesPage } from '../features/admin/components/branches-page';
import { UsersPage } from '../features/admin/components/users-page';
import { RequireSession } from '../features/auth/components/require-session';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { DispatchPage } from '../features/dispatch/components/dispatch-page';
import { IntakePage } from '../features/intake/components/intake-page';
import { NotificationsPage } from '../features/notifications/components/notifications-page';
import { BoardPage } from '../features/work-orders/components/board-page';
import { WorkOrderDetailPage } from '../features/work-orders/components/work-order-detail-page';
import { Layout } from './layout';

const boardRoles = [...officeRoles, 'warehouse'] as const;

type WarehouseScreens = typeof import('../features/warehouse/components/warehouse-pages');

/** A warehouse screen, from the one chunk that holds them all (see warehouse-pages.ts). */
const warehouseScreen = (name: keyof WarehouseScreens) => async () => ({
  Component: (await import('../features/warehouse/components/warehouse-pages'))[name],
});

/** Shown while a lazily loaded screen arrives on the first page load. */
function ScreenLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <Loader role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

/** Technicians work in the phone app, warehouse staff start on their queue, everyone else on the board. */
function Home() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data?.role === 'warehouse') return <Navigate to="/warehouse/requests" replace />;
  if (me.data?.role !== 'technician') return <Navigate to="/board" replace />;
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Alert color="teal">
          <Text>{t('auth.technicianApp')}</Text>
        </Alert>
        <Anchor href="/m/">{t('auth.openTechnicianApp')}</Anchor>
      </Stack>
    </Center>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'board',
        element: (
          <RequireSession roles={boardRoles}>
            <BoardPage />
          </RequireSession>
        ),
      },
      {
        path: 'intake',
        element: (
          <RequireSession roles={officeRoles}>
            <IntakePage />
          </RequireSession>
        ),
      },
      {
        path: 'work-orders/:id',
        element: (
          <RequireSession roles={boardRoles}>
            <WorkOrderDetailPage />
          </RequireSession>
        ),
      },
      {
        path: 'dispatch',
        element: (
          <RequireSession roles={officeRoles}>
            <DispatchPage />
          </RequireSession>
        ),
      },
      {
        path: 'notifications',
        element: (
          <RequireSession roles={officeRoles}>
            <NotificationsPage />
          </RequireSession>
        ),
      },
      {
        path: 'reports',
        hydrateFallbackElement: <ScreenLoader />,
        element: (
          <RequireSession roles={officeRoles}>
            <Outlet />
          </RequireSession>
        ),
        children: [
          {
            index: true,
            // Its own chunk, chart library included: the console's first download stays as it was.
            lazy: async () => ({
              Component: (await import('../features/reports/components/reports-page')).ReportsPage,
            }),
          },
        ],
      },
      {
        path: 'admin/users',
        element: (
          <RequireSession roles={['admin', 'supervisor']}>
            <UsersPage />
          </RequireSession>
        ),
      },
      {
        path: 'admin/branches',
        element: (
          <RequireSession roles={['admin']}>
            <BranchesPage />
          </RequireSession>
        ),
      },
      {
        path: 'warehouse',
        hydrateFallbackElement: <ScreenLoader />,
        element: (
          <RequireSession roles={stockOfficeRoles}>
            <Outlet />
          </RequireSession>
        ),
        children: [
          { index: true, element: <Navigate to="requests" replace /> },
          {
            lazy: warehouseScreen('WarehouseSection'),
            children: [
              {
                path: 'requests',
                lazy: warehouseScreen('PartRequestsPage'),
              },
              {
                path: 'returns',
                lazy: warehouseScreen('PartReturnsPage'),
              },
              {
                path: 'stock',
                lazy: warehouseScreen('StockPage'),
              },
              {
                path: 'ledger',
                lazy: warehouseScreen('LedgerPage'),
              },
            ],
          },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
