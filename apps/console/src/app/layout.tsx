import { AppShell, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { consoleRoles, type Role, stockOfficeRoles } from '@purnajual/contract';
import { changeLanguage } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../components/use-me';
import { useSignOut } from '../features/auth/api/session';
import { useTotpStatus } from '../features/auth/api/two-factor';

const twoFactorPath = '/two-factor';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

/** Role-aware navigation: each role sees what it may use. */
export const navItems: NavItem[] = [
  { to: '/board', label: 'nav.board', roles: ['admin', 'supervisor', 'agent', 'warehouse'] },
  { to: '/intake', label: 'nav.intake', roles: ['admin', 'supervisor', 'agent'] },
  { to: '/dispatch', label: 'nav.dispatch', roles: ['admin', 'supervisor', 'agent'] },
  { to: '/notifications', label: 'nav.notifications', roles: ['admin', 'supervisor', 'agent'] },
  { to: '/reports', label: 'reports.nav', roles: ['admin', 'supervisor', 'agent'] },
  { to: '/warehouse/requests', label: 'warehouse.nav.requests', roles: stockOfficeRoles },
  { to: '/warehouse/returns', label: 'warehouse.nav.returns', roles: stockOfficeRoles },
  { to: '/warehouse/stock', label: 'warehouse.nav.stock', roles: stockOfficeRoles },
  { to: '/warehouse/ledger', label: 'warehouse.nav.ledger', roles: stockOfficeRoles },
  { to: '/admin/users', label: 'admin.users', roles: ['admin', 'supervisor'] },
  { to: '/admin/branches', label: 'admin.branches', roles: ['admin'] },
  { to: '/admin/imports', label: 'imports.nav', roles: ['admin'] },
  { to: '/admin/integrations', label: 'integrations.nav', roles: ['admin'] },
  { to: '/admin/messages', label: 'messageTemplates.nav', roles: ['admin'] },
  { to: twoFactorPath, label: 'security.nav', roles: consoleRoles },
];

export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle }] = useDisclosure();
  const user = me.data;
  // Technicians have no second factor to ask about.
  const totp = useTotpStatus(user !== undefined && user.role !== 'technician');

  // A session that must enrol a second factor may do nothing else until it has.
  if (totp.data?.enrolmentPending && location.pathname !== twoFactorPath) {
    return <Navigate to={twoFactorPath} replace />;
  }
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('common.menu')} />
            <Title order={2} size="h4" c="teal.9">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.console')}
            </Text>
          </Group>
          <Group>
            <SegmentedControl
              size="xs"
              aria-label={t('common.language')}
              value={i18n.language === 'en' ? 'en' : 'id'}
              onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'id')}
              data={[
                { value: 'id', label: 'ID' },
                { value: 'en', label: 'EN' },
              ]}
            />
            {user && (
              <Stack gap={0} visibleFrom="sm">
                <Text size="sm" fw={600}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${user.role}`)} · {user.employeeNo}
                </Text>
              </Stack>
            )}
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
            >
              {t('common.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('common.navigation')}>
        {navItems
          .filter((item) => user && item.roles.includes(user.role))
          .map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={location.pathname.startsWith(item.to)}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
