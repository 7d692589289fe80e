import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CentralError } from '../central-error.js';
import { assertRoleMay, isPublicRoute, permissionFor } from './permissions.js';
import type { SignedInUser, UserService } from './user-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (auth-hook.ts); null on public routes and outside /api. */
    user: SignedInUser | null;
  }
}

export interface ApiRoute {
  method: string;
  url: string;
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header.trim()) : null;
  return match?.[1];
}

/**
 * Every /api route needs a signed-in user whose role has the route's permission (permissions.ts):
 * 401 UNAUTHENTICATED without a valid, unexpired token, 403 FORBIDDEN when the role lacks it.
 * A route missing from the table is refused, so a new route is closed until someone lists it.
 * Register before any route: it answers every route registered after it (what the tests check
 * against the permission table).
 */
export function installAuthHook(app: FastifyInstance, users: UserService): ReadonlyArray<ApiRoute> {
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorateRequest('user', null);
  // Before validation: a caller without access learns nothing from a route's schema.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/api/')) return; // console, metrics, 404s
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (isPublicRoute(method, url)) return;
    const permission = permissionFor(method, url);
    const token = bearerToken(request);
    if (!token) throw new CentralError('UNAUTHENTICATED', 'sign in and send Authorization: Bearer <token>');
    const user = await users.authenticate(token);
    request.user = user;
    if (!permission) {
      throw new CentralError('FORBIDDEN', `${method} ${url} is not in the permission table`, {
        context: { route: `${method} ${url}` },
      });
    }
    assertRoleMay(user.role, permission);
  });
  return routes;
}
