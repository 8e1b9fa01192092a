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

/** An answer slower than this says little about when the server wrote its `Date`. */
const maxRoundTripMs = 5000;

/**
 * The server wrote `Date` somewhere between the request and its answer: the middle of the
 * two is the best guess, and the middle of that whole second (`Date` has no milliseconds).
 */
export function recordServerTime(serverDate: string | null, requestedAt: Date, receivedAt = new Date()) {
  const server = serverDate === null ? Number.NaN : Date.parse(serverDate);
  const roundTrip = receivedAt.getTime() - requestedAt.getTime();
  if (Number.isNaN(server) || roundTrip < 0 || roundTrip > maxRoundTripMs) return;
  offsetMs = Math.round(server + 500 - (requestedAt.getTime() + roundTrip / 2));
  try {
    globalThis.localStorage?.setItem(storageKey, String(offsetMs));
  } catch {
    // Kept in memory only.
  }
}

export const clockOffsetMs = (): number => offsetMs;
