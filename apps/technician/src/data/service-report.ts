import { api } from '../app/api';
import { db, type StoredReport } from './db';
import { isOffline } from './sync';

/**
 * The phone keeps the service reports it fetched last, so one shown to a customer can be
 * shown again where there is no signal; beyond either bound the oldest fetched go first.
 */
export const storedReportLimits = { count: 20, bytes: 20 * 1024 * 1024 };

async function keepReport(report: StoredReport) {
  await db.transaction('rw', db.reports, async () => {
    await db.reports.put(report);
    const newestFirst = await db.reports.orderBy('fetchedAt').reverse().toArray();
    let bytes = 0;
    const beyond = newestFirst.filter((item, index) => {
      bytes += item.pdf.size;
      return index >= storedReportLimits.count || bytes > storedReportLimits.bytes;
    });
    await db.reports.bulkDelete(beyond.map((item) => item.workOrderId));
  });
}

/**
 * The work order's service report as the server renders it now (the bill or the payments
 * may have changed since the last time), or the copy on the phone when there is no network.
 */
export async function fetchServiceReport(workOrderId: string, number: string): Promise<StoredReport> {
  try {
    const file = await api.download('GET /api/v1/work-orders/:id/report.pdf', { params: { id: workOrderId } });
    const report = {
      workOrderId,
      fileName: file.fileName ?? `${number}.pdf`,
      pdf: file.blob,
      fetchedAt: new Date().toISOString(),
    };
    await keepReport(report);
    return report;
  } catch (error) {
    const stored = isOffline(error) ? await db.reports.get(workOrderId) : undefined;
    if (!stored) throw error;
    return stored;
  }
}
