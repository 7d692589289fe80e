import type { Authorizer } from './http-client.js';

/** Credentials that never change (an API key header, a long-lived bearer): nothing to refresh. */
export function staticAuth(headers: Record<string, string>): Authorizer {
  return { headers: async () => headers, invalidate() {} };
}
