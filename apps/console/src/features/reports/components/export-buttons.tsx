import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../csv';
import { type Locale, type ReportTable, toTextRows } from '../report-table';
import { downloadXlsx } from '../xlsx';

/**
 * The CSV and XLSX downloads of one table, built when clicked from the same table the screen
 * shows. `fileStem` names both files; `title` names the sheet.
 */
export function ExportButtons({
  table,
  fileStem,
  title,
  labels,
  disabled,
  size = 'xs',
}: {
  table: () => ReportTable;
  fileStem: string;
  title: string;
  labels: { csv: string; xlsx: string };
  disabled: boolean;
  size?: 'xs' | 'sm';
}) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  const [writing, setWriting] = useState(false);
  const [failed, setFailed] = useState(false);

  const exportXlsx = async () => {
    setWriting(true);
    setFailed(false);
    try {
      await downloadXlsx(`${fileStem}.xlsx`, title, table(), locale);
    } catch {
      // Mostly the writer's chunk not arriving (offline after a new release): say so, try again later.
      setFailed(true);
    } finally {
      setWriting(false);
    }
  };

  return (
    <Group gap="xs">
      {failed && (
        <Text size="sm" c="red.8" role="alert">
          {t('reports.exportFailed')}
        </Text>
      )}
      <Button
        variant="default"
        size={size}
        onClick={() => downloadCsv(`${fileStem}.csv`, toTextRows(table(), locale), locale)}
        disabled={disabled}
      >
        {labels.csv}
      </Button>
      <Button variant="default" size={size} onClick={exportXlsx} loading={writing} disabled={disabled}>
        {labels.xlsx}
      </Button>
    </Group>
  );
}
