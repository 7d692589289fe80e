import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from './sim-server.js';

/** The token endpoint of a simulated OAuth PMS and the bearer check of its API (RFC 6749 §5.1). */
export class SimOAuth {
  readonly #tokens = new Set<string>();
  /** Refresh tokens not yet used: each is spent by one refresh, which issues the next (rotation). */
  readonly #refreshTokens = new Set<string>();
  issued = 0;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  token(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (basic?.[1]) {
      const [u = '', p = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u);
      secret = decodeURIComponent(p);
    }
    if (id !== this.clientId || secret !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client' } };
    }
    if (form.get('grant_type') === 'refresh_token') {
      // RFC 6749 §5.2: a spent or unknown refresh token is invalid_grant (Cloudbeds rotates them).
      const presented = form.get('refresh_token') ?? '';
      if (!this.#refreshTokens.delete(presented)) return { status: 400, body: { error: 'invalid_grant' } };
    }
    const refresh = this.issueRefreshToken();
    const token = randomUUID();
    this.#tokens.add(token);
    this.issued++;
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: refresh },
    };
  }

  /** A live refresh token, as the property's authorization grant hands the first one to IT. */
  issueRefreshToken(): string {
    const refresh = randomUUID();
    this.#refreshTokens.add(refresh);
    return refresh;
  }

  authorized(req: SimRequest): boolean {
    const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    return m?.[1] !== undefined && this.#tokens.has(m[1]);
  }

  /** Expire every token (tests prove the adapter fetches a new one after a 401). */
  revokeAll(): void {
    this.#tokens.clear();
  }
}
