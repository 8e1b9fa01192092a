import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli';
import { ConfigError, loadConfig } from '../../config';

/** What `purnajual push:keys` prints, as environment variables. */
async function freshKeys(): Promise<Record<string, string>> {
  const out: string[] = [];
  const code = await runCli(['push:keys'], { env: {}, out: (line) => out.push(line), err: () => {} });
  expect(code).toBe(0);
  return Object.fromEntries(
    out
      .join('\n')
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

describe('push configuration', () => {
  it('takes the key pair purnajual push:keys prints, and switches push on with it', async () => {
    const keys = await freshKeys();
    expect(Object.keys(keys)).toEqual(['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT']);
    expect(loadConfig(keys).push.vapid).toEqual({
      publicKey: keys.VAPID_PUBLIC_KEY,
      privateKey: keys.VAPID_PRIVATE_KEY,
      subject: keys.VAPID_SUBJECT,
    });
    expect(loadConfig({}).push.vapid).toBeUndefined();
    expect(await freshKeys()).not.toEqual(keys);
  });

  it('stops the start on half a configuration or a wrong key, naming the variable', async () => {
    const keys = await freshKeys();
    const refusals: [Record<string, string>, RegExp][] = [
      [{ VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY ?? '' }, /VAPID_PUBLIC_KEY: .*set all three or none/],
      [{ ...keys, VAPID_SUBJECT: 'http://example.co.id' }, /VAPID_SUBJECT: must be a mailto: or https: URL/],
      [{ ...keys, VAPID_PUBLIC_KEY: keys.VAPID_PRIVATE_KEY ?? '' }, /VAPID_PUBLIC_KEY: must decode to 65 bytes/],
      [{ ...keys, VAPID_PRIVATE_KEY: 'not base64url!' }, /VAPID_PRIVATE_KEY: must be base64url/],
    ];
    for (const [env, message] of refusals) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    }
  });
});
