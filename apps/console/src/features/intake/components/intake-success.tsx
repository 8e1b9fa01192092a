import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { type createWorkOrderResponseSchema, headOfficeTimeZone } from '@purnajual/contract';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { useBranches } from '../../../components/use-branches';

type CreatedWorkOrder = z.infer<typeof createWorkOrderResponseSchema>;

/**
 * The number to read out to the caller and where the order went, as the page's heading; the
 * focus lands on it so a screen reader says it at once. Open orders the customer already
 * had when it was created are named, so the agent can tell the caller and link them.
 */
export function IntakeSuccess({ created, onNext }: { created: CreatedWorkOrder; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const branches = useBranches();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const branch = created.routing.branchId ? branches.byId.get(created.routing.branchId) : undefined;
  const covering = created.routing.coveringTechnicianIds.length;
  const duplicates = created.possibleDuplicates;
  return (
    <Stack maw={720}>
      <Card withBorder bg="teal.0" role="status">
        <Stack gap={4}>
          <Title order={1} size="h3" ref={heading} tabIndex={-1}>
            {t('intake.created', { number: created.number })}
          </Title>
          <Text>{branch ? t('intake.routedTo', { branch: branch.name }) : t('intake.notRouted')}</Text>
          <Text>{covering > 0 ? t('intake.covering', { count: covering }) : t('intake.noCovering')}</Text>
          {created.technicianName && <Text>{t('intake.autoAssigned', { name: created.technicianName })}</Text>}
          {created.repeatOf && (
            <Text fw={600} data-testid="intake-repeat">
              {t('intake.repeatOf', {
                number: created.repeatOf.number,
                when: formatDateTime(created.repeatOf.completedAt, branch?.timeZone ?? headOfficeTimeZone, locale),
              })}
            </Text>
          )}
          {duplicates.length > 0 && (
            <Text fw={600}>
              {t('intake.createdDespite', {
                numbers: duplicates.map((order) => `${order.number} (${t(`status.${order.status}`)})`).join(', '),
              })}
            </Text>
          )}
        </Stack>
      </Card>
      <Group>
        <Button component={Link} to={`/work-orders/${created.id}`}>
          {t('intake.openDetail')}
        </Button>
        <Button variant="default" onClick={onNext}>
          {t('intake.another')}
        </Button>
      </Group>
    </Stack>
  );
}
