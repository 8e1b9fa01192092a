/*
 * Lighthouse's own verdict on the two first screens a person meets: the technician app's
 * sign-in on a phone and the console's. Lighthouse's defaults are the mobile form factor
 * and simulated slow 4G (150 ms round trips, 1.6 Mbps, CPU 4× slower); each audit runs
 * in a fresh Chrome profile, so every page load is a first visit.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const lighthouseTargets = { performance: 90, lcpMs: 2500, tbtMs: 200 };

export interface Audit {
  performance: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /** Time to interactive: when the sign-in form can be used, not just seen. */
  ttiMs: number;
  scriptKb: number;
}

const numeric = (audits: Record<string, { numericValue?: number }>, id: string) =>
  audits[id]?.numericValue ?? Number.NaN;

/** Lighthouse sometimes fails to record a load's trace (NO_NAVSTART) and asks to be run again. */
const recordingAttempts = 3;

/** One cold audit of `url` in Debian's Chromium (or CHROME_PATH), run again when the recording failed. */
export async function auditPage(url: string): Promise<Audit> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await auditOnce(url);
    } catch (error) {
      if (!(error instanceof RecordingFailed) || attempt === recordingAttempts) throw error;
    }
  }
}

class RecordingFailed extends Error {}

async function auditOnce(url: string): Promise<Audit> {
  const chrome = await launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { audits, categories, runtimeError } = result.lhr;
    if (runtimeError)
      throw new RecordingFailed(`Lighthouse could not audit ${url}: ${runtimeError.code} ${runtimeError.message}`);
    const summary = audits['resource-summary']?.details;
    const items = summary?.type === 'table' ? summary.items : [];
    const script = items.find((item) => item.resourceType === 'script');
    return {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      fcpMs: numeric(audits, 'first-contentful-paint'),
      lcpMs: numeric(audits, 'largest-contentful-paint'),
      tbtMs: numeric(audits, 'total-blocking-time'),
      ttiMs: numeric(audits, 'interactive'),
      scriptKb: Number(script?.transferSize ?? Number.NaN) / 1024,
    };
  } finally {
    chrome.kill();
  }
}

export const withinTargets = (audit: Audit) =>
  audit.performance >= lighthouseTargets.performance &&
  audit.lcpMs <= lighthouseTargets.lcpMs &&
  audit.tbtMs <= lighthouseTargets.tbtMs;
