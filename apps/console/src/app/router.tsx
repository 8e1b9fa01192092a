import { Alert, Anchor, Center, Loader, Stack, Text } from '@mantine/core';
import { consoleRoles, officeRoles, type Role, stockOfficeRoles } from '@purnajual/contract';
import { lazyScreen } from '@purnajual/ui';
import type { ComponentType, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, type RouteObject, useRoutes } from 'react-router';
import { useMe } from '../components/use-me';
import { RequireSession } from '../features/auth/components/require-session';
import { SignInPage } from '../features/auth/components/sign-in-page';

const boardRoles = [...officeRoles, 'warehouse'] as const;

/*
 * The sign-in page is the only screen in the first download: the layout and every other
 * screen (with the schemas, the event stream and the charts they use) are fetched when
 * first opened, so a slow connection shows the form without the rest of the console. The
 * routes are plain route objects under a <BrowserRouter>: a data router would add 20 KB
 * to the first download and nothing here needs its loaders.
 */
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazyScreen(load, name, <ScreenLoader />);

/** A screen for `roles` only, fetched when first opened. */
const guarded = (path: string, roles: readonly Role[], element: ReactElement): RouteObject => ({
  path,
  element: (
    <RequireSession roles={roles}>
      <Outlet />
    </RequireSession>
  ),
  children: [{ index: true, element }],
});

type WarehouseScreens = typeof import('../features/warehouse/components/warehouse-pages');

/** A warehouse screen, from the one chunk that holds them all (see warehouse-pages.ts). */
const warehouseScreen = (name: keyof WarehouseScreens) =>
  screen(() => import('../features/warehouse/components/warehouse-pages'), name);

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

const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <Outlet />
      </RequireSession>
    ),
    children: [
      {
        element: screen(() => import('./layout'), 'Layout'),
        children: [
          { index: true, element: <Home /> },
          guarded(
            'board',
            boardRoles,
            screen(() => import('../features/work-orders/components/board-page'), 'BoardPage'),
          ),
          guarded(
            'intake',
            officeRoles,
            screen(() => import('../features/intake/components/intake-page'), 'IntakePage'),
          ),
          guarded(
            'work-orders/:id',
            boardRoles,
            screen(() => import('../features/work-orders/components/work-order-detail-page'), 'WorkOrderDetailPage'),
          ),
          guarded(
            'dispatch',
            officeRoles,
            screen(() => import('../features/dispatch/components/dispatch-page'), 'DispatchPage'),
          ),
          guarded(
            'notifications',
            officeRoles,
            screen(() => import('../features/notifications/components/notifications-page'), 'NotificationsPage'),
          ),
          guarded(
            'reports',
            officeRoles,
            screen(() => import('../features/reports/components/reports-page'), 'ReportsPage'),
          ),
          guarded(
            'admin/users',
            ['admin', 'supervisor'],
            screen(() => import('../features/admin/components/users-page'), 'UsersPage'),
          ),
          guarded(
            'two-factor',
            consoleRoles,
            screen(() => import('../features/auth/components/two-factor-page'), 'TwoFactorPage'),
          ),
          guarded(
            'admin/branches',
            ['admin'],
            screen(() => import('../features/admin/components/branches-page'), 'BranchesPage'),
          ),
          guarded(
            'admin/imports',
            ['admin'],
            screen(() => import('../features/imports/components/imports-page'), 'ImportsPage'),
          ),
          guarded(
            'admin/integrations',
            ['admin'],
            screen(() => import('../features/integrations/components/integrations-page'), 'IntegrationsPage'),
          ),
          guarded(
            'admin/messages',
            ['admin'],
            screen(() => import('../features/admin/components/message-templates-page'), 'MessageTemplatesPage'),
          ),
          {
            path: 'warehouse',
            element: (
              <RequireSession roles={stockOfficeRoles}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { index: true, element: <Navigate to="requests" replace /> },
              {
                element: warehouseScreen('WarehouseSection'),
                children: [
                  { path: 'requests', element: warehouseScreen('PartRequestsPage') },
                  { path: 'returns', element: warehouseScreen('PartReturnsPage') },
                  { path: 'stock', element: warehouseScreen('StockPage') },
                  { path: 'ledger', element: warehouseScreen('LedgerPage') },
                ],
              },
            ],
          },
          { path: '*', element: <Navigate to="/" replace /> },
        ],
      },
    ],
  },
];

export const AppRoutes = () => useRoutes(routes);
