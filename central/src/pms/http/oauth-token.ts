// OAuth 2.0 access tokens (RFC 6749 §4.4 client credentials, §6 refresh) fetched on first use and
// cached until shortly before `expires_in`, as apaleo, Cloudbeds and OHIP require. One fetch at a
// time: concurrent callers share the pending request.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import type { Authorizer, HttpClient } from './http-client.js';
import { readJson } from './json-answer.js';
import type { RefreshTokenStore } from './refresh-token-store.js';
import { secretValue } from './secret-value.js';

export const oauthConfig = z
  .object({
    tokenUrl: z.url(),
    clientId: z.string().min(1),
    clientSecret: secretValue,
    scope: z.string().optional(),
    /** `refresh_token` for PMSs that issue per-property refresh tokens (Cloudbeds). */
    refreshToken: secretValue.optional(),
    /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    clientAuth: z.enum(['basic', 'body']).default('body'),
  })
  .strict();
export type OAuthConfig = z.infer<typeof oauthConfig>;

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
  refresh_token: z.string().optional(),
});

// Refresh a minute early so a token never expires between our check and the PMS's.
const SKEW_MS = 60_000;

export function createOAuthAuthorizer(
  config: OAuthConfig,
  http: HttpClient,
  clock: Clock,
  extraHeaders: Record<string, string> = {},
  store?: RefreshTokenStore,
): Authorizer {
  let token: { value: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  let refreshToken = config.refreshToken;
  let loaded = store === undefined;

  async function fetchToken(): Promise<string> {
    if (!loaded) {
      refreshToken = (await store?.load()) ?? refreshToken;
      loaded = true;
    }
    const form = new URLSearchParams();
    if (refreshToken) {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', refreshToken);
    } else form.set('grant_type', 'client_credentials');
    if (config.scope) form.set('scope', config.scope);
    const headers: Record<string, string> = { ...extraHeaders };
    if (config.clientAuth === 'basic') {
      const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', config.clientId);
      form.set('client_secret', config.clientSecret);
    }
    const answer = await http.send({
      method: 'POST',
      path: config.tokenUrl,
      kind: 'read',
      headers,
      body: { form },
    });
    if (answer.status !== 200) {
      throw new PmsError('CONNECTION_FAILED', `token endpoint answered HTTP ${answer.status}`, {
        context: { status: answer.status, auth: true },
      });
    }
    const body = readJson(answer, tokenAnswer);
    // Rotating refresh tokens (Cloudbeds): the old one is spent once a new one is issued, so the new
    // one is stored before anything uses the access token. A crash between the PMS's answer and this
    // write still loses it: the property then authorizes again (docs/pms-http-adapters.md).
    if (body.refresh_token && body.refresh_token !== refreshToken) {
      refreshToken = body.refresh_token;
      await store?.save(body.refresh_token);
    }
    token = { value: body.access_token, expiresAt: clock.now().getTime() + body.expires_in * 1000 - SKEW_MS };
    return body.access_token;
  }

  return {
    async headers() {
      if (!token || clock.now().getTime() >= token.expiresAt) {
        pending ??= fetchToken().finally(() => {
          pending = null;
        });
        await pending;
      }
      return { authorization: `Bearer ${token?.value ?? ''}` };
    },
    invalidate() {
      token = null;
    },
  };
}
