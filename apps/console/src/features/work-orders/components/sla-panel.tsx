import { Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { formatDateTime, formatDuration } from '@purnajual/client';
import { type Branch, headOfficeTimeZone, type WorkOrderSummary } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSlaBoard } from '../api/sla';

/** The time now, again every `intervalMs`: "due in 12 m" counts down without a refetch. */
function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function SlaList({
  title,
  hint,
  empty,
  orders,
  branches,
  now,
  late,
}: {
  title: string;
  hint?: string;
  empty: string;
  orders: WorkOrderSummary[];
  branches: Map<string, Branch>;
  now: number;
  late: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const titleId = useId();
  return (
    <Stack gap={6}>
      <Group gap="xs" align="baseline">
        <Title order={2} size="h5" id={titleId} c={late ? 'red.9' : undefined}>
          {title}
        </Title>
        <Text size="sm" fw={700} data-testid={late ? 'sla-breached-count' : 'sla-at-risk-count'}>
          {orders.length}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Group>
      {orders.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={220}>
          <Stack component="ul" aria-labelledby={titleId} gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
            {orders.map((order) => {
              const zone = (order.branchId ? branches.get(order.branchId)?.timeZone : undefined) ?? headOfficeTimeZone;
              const dueMs = Date.parse(order.slaDueAt);
              // One at risk may pass its due time before the next refresh moves it.
              const isPast = now >= dueMs;
              const seconds = Math.floor(Math.abs(now - dueMs) / 1000);
              // Weeks late read better in days than in a thousand hours.
              const duration =
                seconds < 2 * 86_400
                  ? formatDuration(seconds, locale)
                  : t('board.sla.daysHours', {
                      days: Math.floor(seconds / 86_400),
                      hours: Math.floor((seconds % 86_400) / 3600),
                    });
              return (
                <li key={order.id}>
                  <UnstyledButton
                    component={Link}
                    to={`/work-orders/${order.id}`}
                    display="block"
                    w="100%"
                    px="xs"
                    py={4}
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      border: '1px solid var(--mantine-color-gray-3)',
                    }}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" fw={600} ff="monospace">
                        {order.number}
                      </Text>
                      <Badge size="xs" variant="outline" c="dark.7">
                        {t(`priority.${order.priority}`)}
                      </Badge>
                    </Group>
                    <Text size="xs" truncate>
                      {order.customer.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('board.due')}: {formatDateTime(order.slaDueAt, zone, locale)} ·{' '}
                      <Text span size="xs" fw={600} c={isPast ? 'red.9' : undefined}>
                        {isPast ? t('board.sla.overdueBy', { duration }) : t('board.sla.dueIn', { duration })}
                      </Text>
                    </Text>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

/**
 * Open work orders past their SLA and those soon due, for the branch the board shows (a
 * branch, `none`, or all it may see); live with the board, and counting down by itself.
 */
export function SlaPanel({ branchId, branches }: { branchId: string | undefined; branches: Map<string, Branch> }) {
  const { t } = useTranslation();
  const sla = useSlaBoard(branchId);
  const now = useNow(30_000);
  return (
    <Paper withBorder p="sm">
      <ErrorAlert error={sla.error} />
      {sla.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <SlaList
            title={t('board.sla.breached')}
            empty={t('board.sla.emptyBreached')}
            orders={sla.data.breached}
            branches={branches}
            now={now}
            late
          />
          <SlaList
            title={t('board.sla.atRisk')}
            hint={t('board.sla.atRiskHint', { hours: sla.data.atRiskHours })}
            empty={t('board.sla.emptyAtRisk')}
            orders={sla.data.atRisk}
            branches={branches}
            now={now}
            late={false}
          />
        </SimpleGrid>
      )}
    </Paper>
  );
}
