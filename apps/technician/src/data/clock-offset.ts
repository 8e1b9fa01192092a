/*
 * How far the phone's clock is from the server's (server minus phone, in ms), measured on
 * every answer the server sends while online and kept across restarts. A change queued
 * offline carries it with the phone's time, so the server can correct a phone whose clock
 * is off.
 */
const storageKey = 'purnajual.clockOffsetMs';

/** Storage can be refused (a private window); the offset then lives as long as the page. */
function readStored(): number {
  try {
    const stored = Number(globalThis.localStorage?.getItem(storageKey) ?? 0);
    return Number.isFinite(stored) ? stored : 0;
  } catch {
    return 0;
  }
}

let offsetMs = readStored();

/** `Date` headers are whole seconds: the middle of that second is the best guess. */
export function recordServerTime(serverDate: string | null, receivedAt = new Date()) {
  const server = serverDate === null ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(server)) return;
  offsetMs = Math.round(server + 500 - receivedAt.getTime());
  try {
    globalThis.localStorage?.setItem(storageKey, String(offsetMs));
  } catch {
    // Kept in memory only.
  }
}

export const clockOffsetMs = (): number => offsetMs;
