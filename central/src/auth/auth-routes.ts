import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { CentralError } from '../central-error.js';
import { actorOf } from '../http/actor.js';
import { describe } from '../http/openapi.js';
import { bearerToken } from './auth-hook.js';
import { ROLE_PERMISSIONS, USER_ROLES } from './permissions.js';
import type { UserService } from './user-service.js';

const signInBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
const createUserBody = z
  .object({
    username: z.string().min(2).max(64),
    role: z.enum(USER_ROLES),
    password: z.string().min(1).max(200),
  })
  .strict();

/** Sign-in, sign-out, who am I, and users for admins (docs/central-api.md "Sign-in and roles"). */
export function registerAuthRoutes(app: ZodApp, users: UserService): void {
  app.post(
    '/api/auth/sign-in',
    describe('Sign in: answers an opaque bearer token and its expiry', ['auth'], { body: signInBody }),
    async (req) => {
      const { username, password } = req.body;
      const session = await users.signIn(username, password, req.ip);
      return {
        token: session.token,
        username: session.username,
        role: session.role,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/sign-out',
    describe('End this session (its token stops working)', ['auth']),
    async (req) => {
      const token = bearerToken(req);
      if (!token) throw new CentralError('UNAUTHENTICATED');
      await users.signOut(token);
      return { signedOut: true };
    },
  );

  app.get('/api/auth/me', describe('The signed-in user, role and permissions', ['auth']), async (req) => {
    const user = req.user;
    if (!user) throw new CentralError('UNAUTHENTICATED');
    return { ...user, permissions: [...ROLE_PERMISSIONS[user.role]] };
  });

  app.get('/api/users', describe('Users of central (admin)', ['auth']), async () => ({
    users: (await users.list()).map((u) => ({
      username: u.username,
      role: u.role,
      createdAt: u.created_at,
      createdBy: u.created_by,
    })),
  }));

  app.post(
    '/api/users',
    describe('Create a user with a role (admin)', ['auth'], { body: createUserBody }),
    async (req, reply) => {
      const actor = actorOf(req);
      const body = req.body;
      return reply.status(201).send(await users.create({ ...body, actor }));
    },
  );
}
