import { Piscina } from 'piscina';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { RenderedReport, ReportTask } from './service-report-input';

export interface ReportPoolOptions {
  settings: Config['pdf'];
  /** The module a worker runs (default: service-report.worker); tests hand in a faulty one. */
  workerUrl?: URL;
  log?: { warn(details: object, message: string): void };
}

/*
 * From source (tsx, vitest) the worker is this folder's TypeScript file, which the worker
 * loads through tsx; from the bundle (build.mjs) it is dist/service-report.worker.js beside
 * the entry point, which is where import.meta.url then points.
 */
const isSource = import.meta.url.endsWith('.ts');
const defaultWorkerUrl = new URL(
  isSource ? './service-report.worker.ts' : './service-report.worker.js',
  import.meta.url,
);

/** Seconds a client told that the pool is full waits before it asks again. */
const retryAfterSeconds = 5;

const unavailable = (en: string, id: string) =>
  new AppError('service_unavailable', { en, id }, { headers: { 'retry-after': String(retryAfterSeconds) } });

/**
 * Draws service reports in a few worker threads, each with a heap budget, and lets only so
 * many requests wait for one: the next is answered 503 with `Retry-After` at once, so that
 * a burst of PDFs holds neither the event loop nor unbounded memory. A worker that dies
 * (its heap budget exceeded) or takes longer than the timeout (counted from the request,
 * waiting included) is stopped and replaced, and its caller gets a 503.
 */
export function createReportPool({ settings, workerUrl = defaultWorkerUrl, log }: ReportPoolOptions) {
  let pool: Piscina<ReportTask, RenderedReport> | undefined;
  let inFlight = 0;
  const capacity = settings.workers + settings.maxQueue;

  // Started on the first report, so that a CLI run or an instance that draws none starts no threads.
  function poolOf() {
    pool ??= new Piscina<ReportTask, RenderedReport>({
      filename: workerUrl.href,
      minThreads: 0,
      maxThreads: settings.workers,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: settings.workerMemoryMb },
      // Below the event loop's priority: on a machine with few cores, drawing yields the CPU to
      // the requests the main thread answers (Linux and macOS; elsewhere it has no effect).
      niceIncrement: 10,
      execArgv: workerUrl.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
    });
    return pool;
  }

  /** `load` gathers what the report shows, once the pool has taken the request. */
  async function draw(load: () => Promise<ReportTask>): Promise<Buffer> {
    if (inFlight >= capacity) {
      throw unavailable(
        'Too many reports are being drawn just now; retry shortly',
        'Terlalu banyak laporan sedang dibuat; coba lagi sebentar lagi',
      );
    }
    inFlight += 1;
    try {
      const signal = AbortSignal.timeout(settings.timeoutSeconds * 1000);
      const task = await load();
      const result = await poolOf()
        .run(task, { signal })
        .catch((error: unknown) => {
          throw failureOf(error);
        });
      if (!result.ok) throw new Error(`drawing the service report failed: ${result.message}`);
      return Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength);
    } finally {
      inFlight -= 1;
    }
  }

  /** What the caller of a task the pool gave up on is told; the worker is replaced already. */
  function failureOf(error: unknown): AppError {
    log?.warn({ err: error }, 'a report worker was stopped or died; it is replaced');
    const timedOut = error instanceof Error && error.name === 'AbortError';
    return timedOut
      ? unavailable('The report took too long to draw; retry shortly', 'Laporan terlalu lama dibuat; coba lagi')
      : unavailable('The report could not be drawn just now; retry shortly', 'Laporan gagal dibuat; coba lagi');
  }

  return {
    draw,
    async close() {
      await pool?.destroy();
    },
  };
}

export type ReportPool = ReturnType<typeof createReportPool>;
