import { RefusedMessageError } from './sender';

/** The most of a provider's answer that is read; an answer is a few hundred bytes. */
const maxAnswerBytes = 64 * 1024;

/** Reads at most `maxAnswerBytes` of the body; a longer one is cut off there. */
async function readBounded(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxAnswerBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).toString('utf8').slice(0, maxAnswerBytes);
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Too many requests and a request timeout are worth another try; other 4xx are not. */
const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * Posts to a provider within `timeoutMs` (answer included) and returns its JSON answer. A
 * refusal that will never succeed throws `RefusedMessageError` with the provider's reason
 * (`reasonOf` finds it in the answer); a 5xx, a timeout or a lost connection throws an
 * ordinary error, so the message is tried again.
 */
export async function postToProvider(
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
  reasonOf: (answer: unknown) => string | undefined,
): Promise<unknown> {
  const signal = AbortSignal.timeout(init.timeoutMs);
  const response = await fetch(url, {
    method: 'POST',
    headers: init.headers,
    body: init.body,
    signal,
    redirect: 'error',
  });
  const text = await readBounded(response);
  const answer = parseJson(text);
  if (response.ok) return answer;
  const reason = `${response.status}: ${reasonOf(answer) ?? (text.slice(0, 200) || response.statusText)}`;
  if (isPermanent(response.status)) throw new RefusedMessageError(reason);
  throw new Error(reason);
}

/** `value[key]` when `value` is an object. */
export const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
