import { Alert, Badge, Button, Card, Grid, Group, Select, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { headOfficeTimeZone, type WorkOrderSummary } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranches } from '../../../components/use-branches';
import { useLiveWorkOrders } from '../../../components/use-live-work-orders';
import { useMe } from '../../../components/use-me';
import { useAssign, useTechnicianLoads, useUnassigned } from '../api/dispatch';

/** A branch's unassigned work orders beside its technicians and their load: assign in two clicks. */
export function DispatchPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  useLiveWorkOrders();
  const branches = useBranches();
  const [chosenBranch, setChosenBranch] = useState<string | null>(null);
  const branchId = chosenBranch ?? me.data?.branchId ?? branches.items[0]?.id ?? null;
  const branch = branchId ? branches.byId.get(branchId) : undefined;
  const unassigned = useUnassigned(branchId);
  const loads = useTechnicianLoads(branchId);
  const assign = useAssign();
  const [selected, setSelected] = useState<WorkOrderSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const locale = i18n.language === 'en' ? 'en' : 'id';

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={1} size="h2">
          {t('dispatch.title')}
        </Title>
        <Select
          label={t('dispatch.branch')}
          allowDeselect={false}
          data={branches.items.map((b) => ({ value: b.id, label: b.name }))}
          value={branchId}
          onChange={(value) => {
            setChosenBranch(value);
            setSelected(null);
          }}
        />
      </Group>
      <Text c="dimmed">{t('dispatch.pick')}</Text>
      {done && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      <ErrorAlert error={assign.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Title order={2} size="h4" mb="xs">
            {t('dispatch.unassigned')} ({unassigned.data?.items.length ?? 0})
          </Title>
          {/* List items that hold the buttons: a button may not take the role of a list item. */}
          <Stack
            component="ul"
            gap="xs"
            aria-label={t('dispatch.unassigned')}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {(unassigned.data?.items ?? []).map((order) => (
              <li key={order.id}>
                <UnstyledButton w="100%" onClick={() => setSelected(order)} aria-pressed={selected?.id === order.id}>
                  <Card withBorder padding="sm" bg={selected?.id === order.id ? 'teal.0' : undefined}>
                    <Group justify="space-between">
                      <Text fw={600}>{order.number}</Text>
                      <Badge variant="outline" c="dark.7">
                        {t(`priority.${order.priority}`)}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      {order.customer.name} · {order.product?.model.name ?? '—'}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {order.complaint}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('board.due')}: {formatDateTime(order.slaDueAt, branch?.timeZone ?? headOfficeTimeZone, locale)}
                    </Text>
                  </Card>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
          {unassigned.data?.items.length === 0 && <Text c="dimmed">{t('dispatch.empty')}</Text>}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Title order={2} size="h4" mb="xs">
            {t('dispatch.technicians')}
          </Title>
          <Stack gap="xs">
            {(loads.data?.items ?? []).map((technician) => (
              <Card key={technician.id} withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text fw={600}>{technician.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t('dispatch.load', { open: technician.openWorkOrders, today: technician.appointmentsToday })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {technician.areaCodes.join(', ')}
                    </Text>
                  </div>
                  <Button
                    size="compact-sm"
                    disabled={!selected}
                    loading={assign.isPending && assign.variables?.technicianId === technician.id}
                    aria-label={t('dispatch.assignHere', { name: technician.name })}
                    onClick={() =>
                      selected &&
                      assign.mutate(
                        { id: selected.id, version: selected.version, technicianId: technician.id },
                        {
                          onSuccess: () => {
                            setDone(t('dispatch.assigned', { number: selected.number, name: technician.name }));
                            setSelected(null);
                          },
                        },
                      )
                    }
                  >
                    {t('actions.assign')}
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
