import drawReport from '../src/modules/billing/service-report.worker';
import type { RenderedReport, ReportTask } from '../src/modules/billing/service-report-input';

/*
 * The report worker as a fault makes it behave, chosen by the work order's complaint: one
 * that runs out of its heap budget, one that never finishes, one that is slow; any other
 * complaint is drawn by the real worker.
 */
export default async function drawFaultily(task: ReportTask): Promise<RenderedReport> {
  switch (task.detail.complaint) {
    case 'fault: exhaust the heap': {
      const hoard: string[][] = [];
      for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => `${i}`));
    }
    case 'fault: never finish':
      for (;;);
    case 'fault: slow':
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return drawReport(task);
    default:
      return drawReport(task);
  }
}
