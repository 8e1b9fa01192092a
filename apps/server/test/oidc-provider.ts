import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll } from 'vitest';

/*
 * A real OpenID Provider (oidc-provider) on a loopback port, with one confidential client
 * that must use PKCE. Its login and consent page is replaced by a route that signs in the
 * account the test chose, as a person would by typing their password there.
 */

export interface ProviderAccount {
  email: string;
  emailVerified?: boolean;
}

export const testClient = { clientId: 'purnajual-console', clientSecret: 'rahasia-klien-uji-oidc' };

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Starts the provider for an app whose callback is `redirectUrl`; `signInAs` picks who signs in next. */
export async function startOidcProvider() {
  const accounts = new Map<string, ProviderAccount>();
  let nextAccountId: string | undefined;
  let provider: Provider | undefined;

  const { server, port } = await listen((request, response) => {
    if (!provider) return response.writeHead(503).end();
    if (request.url?.startsWith('/interaction/')) return void finishInteraction(provider, request, response);
    return provider.callback()(request, response);
  });
  const issuer = `http://127.0.0.1:${port}`;

  async function finishInteraction(op: Provider, request: IncomingMessage, response: ServerResponse) {
    await op.interactionDetails(request, response);
    const accountId = nextAccountId ?? '';
    const grant = new op.Grant({ accountId, clientId: testClient.clientId });
    grant.addOIDCScope('openid email');
    const grantId = await grant.save();
    await op.interactionFinished(
      request,
      response,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    server,
    /** Registers the app's callback: called once the app's configuration is known. */
    configure(redirectUrl: string) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: testClient.clientId,
            client_secret: testClient.clientSecret,
            redirect_uris: [redirectUrl],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        cookies: { keys: ['kunci-cookie-penyedia-uji'] },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
        async findAccount(_ctx, accountId) {
          const account = accounts.get(accountId);
          if (!account) return undefined;
          return {
            accountId,
            claims: () => ({ sub: accountId, email: account.email, email_verified: account.emailVerified ?? true }),
          };
        },
      });
    },
    addAccount(accountId: string, account: ProviderAccount) {
      accounts.set(accountId, account);
    },
    signInAs(accountId: string) {
      nextAccountId = accountId;
    },
  };
}

/** A browser's cookies for the provider, as `fetch` does not keep them. */
export function createCookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    keep(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1);
        if (value === '') cookies.delete(pair.slice(0, at));
        else cookies.set(pair.slice(0, at), value);
      }
    },
  };
}

/**
 * Follows the provider's redirects from the authorization URL, through its (scripted) login,
 * to the app's callback, as a browser would; answers the callback URL the provider sends back.
 */
export async function followToCallback(authorizationUrl: string, redirectUrl: string): Promise<URL> {
  const jar = createCookieJar();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.href.startsWith(redirectUrl)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(), accept: 'text/html' } });
    jar.keep(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url.href}: ${response.status} ${await response.text()}`);
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}
