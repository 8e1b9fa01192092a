import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { OidcSettings } from '../../config';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import * as authRepo from './auth.repository';
import type { LoginMeta, NewSession } from './auth.service';
import * as repo from './oidc.repository';

/** How long the provider's sign-in page may take before the callback is refused. */
const signInTtlSeconds = 10 * 60;

export interface OidcServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  settings: OidcSettings;
  /** The session of a user the provider vouched for, as the password sign-in makes it. */
  createSession: (userId: string, meta: LoginMeta) => Promise<NewSession>;
}

/** A refusal, with what the log should say of it (the caller hears only the code). */
export class SsoRefusal extends AppError {
  readonly reason: string;
  constructor(code: 'sso_refused' | 'sso_unknown_user' | 'service_unavailable', reason: string) {
    super(code, {
      en: code === 'sso_unknown_user' ? 'You are no console user here' : 'The single sign-on did not go through',
      id: code === 'sso_unknown_user' ? 'Anda bukan pengguna konsol di sini' : 'Masuk dengan SSO tidak berhasil',
    });
    this.reason = reason;
  }
}

const hashOf = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * OpenID Connect sign-in (authorization code with PKCE) for console roles. The state,
 * nonce and code verifier wait in the database (any instance may take the callback), each
 * used once; the state also sits in a cookie of the browser that started, so that nobody
 * can hand someone else a callback that signs them in as another user. Users are matched
 * by their verified e-mail and never created.
 */
export function createOidcService({ db, clock, settings, createSession }: OidcServiceDeps) {
  let discovered: Promise<client.Configuration> | undefined;

  /** The provider's metadata, fetched once; a failure is tried again at the next sign-in. */
  function configuration(): Promise<client.Configuration> {
    const isLoopback = new URL(settings.issuer).protocol === 'http:';
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Config allows http:// only on the loopback address: a test's own provider.
        ...(isLoopback ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new SsoRefusal('service_unavailable', `discovery failed: ${String(error)}`);
      });
    return discovered;
  }

  async function emailOf(
    config: client.Configuration,
    tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  ) {
    const claims = tokens.claims();
    if (!claims) throw new SsoRefusal('sso_refused', 'no ID token');
    if (typeof claims.email === 'string') return { email: claims.email, isVerified: claims.email_verified === true };
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch((error: unknown) => {
      throw new SsoRefusal('sso_refused', `userinfo refused: ${String(error)}`);
    });
    return { email: info.email, isVerified: info.email_verified === true };
  }

  return {
    /** Where to send the browser, and the state to keep in its cookie. */
    async start(): Promise<{ authorizationUrl: string; state: string }> {
      const config = await configuration();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      const expiresAt = toIso(addSeconds(clock.now(), signInTtlSeconds));
      await repo.insertOidcSignIn(db, { stateHash: hashOf(state), nonce, codeVerifier, expiresAt });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: 'openid email',
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { authorizationUrl: url.href, state };
    },

    /** The callback: the query the provider sent, and the state the browser's cookie holds. */
    async finish(query: string, browserState: string | undefined, meta: LoginMeta): Promise<NewSession> {
      const config = await configuration();
      const callbackUrl = new URL(`${settings.redirectUrl}?${query}`);
      const state = callbackUrl.searchParams.get('state');
      if (!state) throw new SsoRefusal('sso_refused', 'no state');
      if (state !== browserState) throw new SsoRefusal('sso_refused', 'state is not the browser’s');
      const pending = await repo.takeOidcSignIn(db, hashOf(state), toIso(clock.now()));
      if (!pending) throw new SsoRefusal('sso_refused', 'state unknown, used or expired');
      const tokens = await client
        .authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
        .catch((error: unknown) => {
          throw new SsoRefusal('sso_refused', `code exchange refused: ${String(error)}`);
        });
      const { email, isVerified } = await emailOf(config, tokens);
      if (!email || !isVerified) throw new SsoRefusal('sso_unknown_user', 'no verified e-mail');
      const user = await authRepo.findUserByEmail(db, email);
      if (user?.active !== 1 || user.role === 'technician') {
        throw new SsoRefusal('sso_unknown_user', `no active console user with e-mail ${email}`);
      }
      return createSession(user.id, meta);
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
