// The group view over HTTP(S): group users sign in and read the fleet and the day's reconciliation of
// the properties they are scoped to, per property and summed. Read-only: each property's own
// console and API (its own users and roles) stay where the work is done.
import { randomBytes } from 'node:crypto';
import { type Logger, useZodSchemas } from '@roompost/sync';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../auth/password-hash.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import { installErrorHandler } from '../http/error-handler.js';
import type { GroupUser } from './group-config.js';
import { type GroupProperty, groupFleet, groupReconciliation, propertiesOf } from './group-view.js';

export interface GroupServerOptions {
  name: string;
  host: string;
  port: number;
  tls?: { cert: string; key: string };
  properties: readonly GroupProperty[];
  users: readonly GroupUser[];
  clock: Clock;
  logger: Logger;
  sessionHours?: number;
}

export interface GroupServer {
  readonly url: string;
  close(): Promise<void>;
}

const signInBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
const scopeQuery = z.object({ property: z.string().min(1).max(32).optional() }).strict();
const dayQuery = scopeQuery.extend({ date: z.iso.date('a date as YYYY-MM-DD').optional() }).strict();

export async function startGroupServer(o: GroupServerOptions): Promise<GroupServer> {
  const sessions = new Map<string, { user: GroupUser; expires: number }>();
  const throttle = new SignInThrottle({ maxFailures: 5, lockMinutes: 5 }, true);
  const app = Fastify({
    logger: false,
    bodyLimit: 16 * 1024,
    ...(o.tls ? { https: { cert: o.tls.cert, key: o.tls.key, minVersion: 'TLSv1.2' as const } } : {}),
  }) as unknown as FastifyInstance;
  installErrorHandler(app, o.logger);
  const api = useZodSchemas(app);

  const sessionOf = (req: FastifyRequest) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? sessions.get(token) : undefined;
    if (!session || session.expires < o.clock.now().getTime()) throw new CentralError('UNAUTHENTICATED');
    return session;
  };
  // Access is checked before the request is validated, as on central's own API.
  const signedIn = { preValidation: async (req: FastifyRequest) => void sessionOf(req) };

  /** The signed-in user's properties, narrowed to `?property=`; FORBIDDEN outside their scope. */
  const scoped = (req: FastifyRequest, property: string | undefined): GroupProperty[] => {
    const session = sessionOf(req);
    const mine = o.properties.filter(
      (p) => session.user.properties === '*' || session.user.properties.includes(p.code),
    );
    if (property === undefined) return mine;
    if (!o.properties.some((p) => p.code === property)) {
      throw new CentralError('NOT_FOUND', `no property ${property} in this group`, { field: 'property' });
    }
    const one = mine.filter((p) => p.code === property);
    if (one.length === 0) {
      throw new CentralError('FORBIDDEN', `${session.user.username} is not scoped to ${property}`, {
        context: { property },
      });
    }
    return one;
  };

  api.get('/api/group/health', async () => ({ ok: true, group: o.name, properties: o.properties.length }));
  api.post('/api/group/sign-in', { schema: { body: signInBody } }, async (req) => {
    const { username, password } = req.body;
    const now = o.clock.now().getTime();
    const locked = throttle.lockedFor(username, now);
    if (locked !== null) throw new CentralError('SIGN_IN_LOCKED', `try again in ${locked} s`);
    // Reserved before the slow hash, so parallel guesses cannot all pass the check.
    const reservation = throttle.reserve(username, now);
    const user = o.users.find((u) => u.username === username);
    // A missing user costs a hash too, so timing does not tell who exists.
    const ok = (await verifyPassword(password, user?.passwordHash ?? o.users[0]!.passwordHash)) && !!user;
    reservation.settle(ok, o.clock.now().getTime());
    if (!ok || !user) throw new CentralError('SIGN_IN_FAILED');
    const token = randomBytes(32).toString('base64url');
    sessions.set(token, { user, expires: now + (o.sessionHours ?? 12) * 3_600_000 });
    return { token, username, properties: user.properties };
  });
  api.get('/api/group/properties', signedIn, async (req) => ({
    group: o.name,
    properties: await propertiesOf(scoped(req, undefined)),
  }));
  api.get('/api/group/fleet', { ...signedIn, schema: { querystring: scopeQuery } }, async (req) =>
    groupFleet(scoped(req, req.query.property)),
  );
  api.get('/api/group/reconciliation', { ...signedIn, schema: { querystring: dayQuery } }, async (req) =>
    groupReconciliation(scoped(req, req.query.property), req.query.date),
  );

  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `${o.tls ? 'https' : 'http'}://${o.host}:${port}`,
    close: () => app.close(),
  };
}
