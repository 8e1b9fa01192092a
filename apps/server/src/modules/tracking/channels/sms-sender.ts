import type { SmsSettings } from '../../../config-messages';
import { fieldOf, postToProvider } from './provider-http';
import { type ChannelSender, RefusedMessageError } from './sender';

/** The reason in a Twilio error answer: `{ code, message, more_info, status }`. */
function reasonOf(answer: unknown): string | undefined {
  const message = fieldOf(answer, 'message');
  const code = fieldOf(answer, 'code');
  if (typeof message !== 'string') return undefined;
  return code === undefined ? message : `${message} (code ${String(code)})`;
}

/**
 * SMS through a gateway speaking Twilio's Messages API (Twilio itself, or a compatible one):
 * form-encoded `To`, `From`, `Body` with HTTP basic auth of the account SID and auth token;
 * the answer's `sid` is the provider id.
 */
export function createSmsSender(settings: SmsSettings, timeoutMs: number): ChannelSender {
  const url = `${settings.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const credentials = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64');
  return {
    canReach: () => true,

    async send(message) {
      const form = new URLSearchParams({ To: message.recipient, From: settings.from, Body: message.body });
      const answer = await postToProvider(
        url,
        {
          headers: {
            authorization: `Basic ${credentials}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          timeoutMs,
        },
        reasonOf,
      );
      const sid = fieldOf(answer, 'sid');
      if (typeof sid !== 'string' || sid === '')
        throw new RefusedMessageError('the SMS gateway accepted it without a sid');
      return { channel: 'sms', providerId: sid.slice(0, 128) };
    },
  };
}
