import { Alert, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { type KpiDrillDown, type KpiQuery, type TimeZone, zonedDay } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranchTechnicians } from '../../../components/use-branch-technicians';
import { useBranches } from '../../../components/use-branches';
import { useMe } from '../../../components/use-me';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { useKpis } from '../api/reports';
import { figuresTable } from '../report-table';
import { DailyChart } from './daily-chart';
import { DrillDownTable } from './drill-down-table';
import { ExportButtons } from './export-buttons';
import { KpiCards, kpiFigures } from './kpi-cards';
import { RepeatRepairsTables } from './repeat-repairs-table';

interface Period {
  from: string;
  to: string;
}

/**
 * This month so far in the branch's calendar, not the browser's: at 00:30 WIT on the 1st a
 * Jayapura report starts the new month, though a browser in Jakarta still shows the old one.
 */
function thisMonth(timeZone: TimeZone): Period {
  const today = zonedDay(new Date(), timeZone);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

interface Selection {
  card: string;
  kpi: KpiDrillDown;
}

/** The figures of a period for a branch or technician, the daily series, and the work orders behind them. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const me = useMe();
  const branches = useBranches();
  const timeZoneOf = useTimeZoneOf();
  // Until the user picks days, the period follows the branch's zone (known once loaded).
  const [chosenPeriod, setChosenPeriod] = useState<Period | null>(null);
  const [chosenBranch, setChosenBranch] = useState<string | null>(null);
  const [technicianId, setTechnicianId] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  // A supervisor sees their own branch and no other.
  const fixedBranch = me.data?.role === 'supervisor' ? (me.data.branchId ?? null) : null;
  const branchId = fixedBranch ?? chosenBranch;
  const technicians = useBranchTechnicians(branchId);
  const period = chosenPeriod ?? thisMonth(timeZoneOf(branchId));
  const periodValid = period.from !== '' && period.to !== '' && period.from <= period.to;
  const query: KpiQuery = {
    from: period.from,
    to: period.to,
    branchId: branchId ?? undefined,
    technicianId: technicianId ?? undefined,
  };
  const kpis = useKpis(query, periodValid);
  const figures = kpis.data ? kpiFigures(kpis.data, t, locale) : [];

  const setDay = (field: 'from' | 'to', value: string) => setChosenPeriod({ ...period, [field]: value });
  const branchName = branchId ? (branches.byId.get(branchId)?.name ?? branchId) : t('reports.allBranches');

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <Group align="end">
        <TextInput
          type="date"
          label={t('reports.from')}
          value={period.from}
          max={period.to}
          onChange={(e) => setDay('from', e.currentTarget.value)}
          w={170}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={period.to}
          min={period.from}
          onChange={(e) => setDay('to', e.currentTarget.value)}
          error={periodValid ? undefined : t('reports.invalidPeriod')}
          w={170}
        />
        <Select
          label={t('reports.branch')}
          placeholder={t('reports.allBranches')}
          clearable={fixedBranch === null}
          disabled={fixedBranch !== null}
          data={branches.items.map((branch) => ({ value: branch.id, label: branch.name }))}
          value={branchId}
          onChange={(value) => {
            setChosenBranch(value);
            setTechnicianId(null);
          }}
          w={240}
        />
        <Select
          label={t('reports.technician')}
          placeholder={branchId ? t('reports.allTechnicians') : t('reports.chooseBranchFirst')}
          clearable
          searchable
          disabled={branchId === null}
          data={(technicians.data?.items ?? []).map((technician) => ({ value: technician.id, label: technician.name }))}
          value={technicianId}
          onChange={setTechnicianId}
          w={240}
        />
        <ExportButtons
          table={() => figuresTable(t, { from: period.from, to: period.to, branchName, locale }, figures)}
          fileStem={`kpi-${period.from}-${period.to}`}
          title={t('reports.title')}
          labels={{ csv: t('reports.exportFigures'), xlsx: t('reports.exportFiguresXlsx') }}
          disabled={!kpis.data}
          size="sm"
        />
      </Group>
      {periodValid && (
        <>
          <ErrorAlert error={kpis.error} />
          {kpis.data && (
            <>
              <KpiCards
                figures={figures}
                selected={selection?.card ?? null}
                onSelect={(figure) =>
                  setSelection(
                    figure.drillDown && selection?.card !== figure.key
                      ? { card: figure.key, kpi: figure.drillDown }
                      : null,
                  )
                }
              />
              <DailyChart series={kpis.data.series} />
              {selection ? (
                <DrillDownTable kpi={selection.kpi} query={query} />
              ) : (
                <Alert color="gray">{t('reports.drillDownHint')}</Alert>
              )}
              <RepeatRepairsTables query={query} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
