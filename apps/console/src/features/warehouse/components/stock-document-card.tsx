import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';

interface StockDocumentLine {
  part: { id: string; partNo: string; name: string };
  quantity: number;
}

/** A column of the lines table after part number, name and quantity. */
export interface StockDocumentColumn<L> {
  header: string;
  isNumeric?: boolean;
  cell: (line: L) => ReactNode;
}

/** Formats a document's times in its branch's zone, in the user's language. */
export function useBranchDateTime(branchId: string) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const zone = useTimeZoneOf()(branchId);
  return (iso: string | null) => formatDateTime(iso, zone, locale);
}

/**
 * Runs a transition and then `onSucceeded`. Not mutate's callbacks: those never run once
 * the refreshed queue has dropped the card. The card shows a refusal from the mutation's
 * `error`, so the rejected promise is settled here.
 */
export function runTransition<B>(
  transition: { mutateAsync: (variables: { body: B; version: number }) => Promise<unknown> },
  body: B,
  version: number,
  onSucceeded: () => void,
) {
  transition.mutateAsync({ body, version }).then(onSucceeded, () => undefined);
}

/**
 * The frame of a warehouse document (a part request, a part return): the technician's name
 * as its heading, the status, when it came in, its lines; `children` follow the lines.
 */
export function StockDocumentCard<L extends StockDocumentLine>({
  headingId,
  name,
  statusColor,
  statusLabel,
  sentAt,
  aside,
  note,
  linesLabel,
  lines,
  lineKey,
  columns,
  children,
}: {
  headingId: string;
  name: string;
  statusColor: string;
  statusLabel: string;
  /** When the technician sent it, already worded. */
  sentAt: string;
  /** Beside the heading, on the right. */
  aside: ReactNode;
  note: string | null;
  linesLabel: string;
  lines: readonly L[];
  lineKey: (line: L) => string;
  columns: readonly StockDocumentColumn<L>[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id={headingId}>
                {name}
              </Title>
              <Badge color={statusColor} variant="dot" c="dark.7">
                {statusLabel}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {sentAt}
            </Text>
          </Stack>
          {aside}
        </Group>
        {note && (
          <Text size="sm" fs="italic">
            {note}
          </Text>
        )}
        {/* Fixed columns line the cards of the queue up under one another. */}
        <Table layout="fixed" withRowBorders={false} verticalSpacing={4} aria-label={linesLabel}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="20%">{t('warehouse.part.partNo')}</Table.Th>
              <Table.Th>{t('warehouse.part.name')}</Table.Th>
              <Table.Th w="10%" ta="right">
                {t('warehouse.quantity')}
              </Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.header} w="16%" ta={column.isNumeric ? 'right' : undefined}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={lineKey(line)}>
                <Table.Td ff="monospace">{line.part.partNo}</Table.Td>
                <Table.Td>{line.part.name}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                {columns.map((column) => (
                  <Table.Td key={column.header} ta={column.isNumeric ? 'right' : undefined}>
                    {column.cell(line)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {children}
      </Stack>
    </Card>
  );
}
