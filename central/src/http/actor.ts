import type { FastifyRequest } from 'fastify';
import { assertRoleMay, type Permission } from '../auth/permissions.js';
import { CentralError } from '../central-error.js';

/**
 * Who is making a change: the signed-in user (central/src/auth/auth-hook.ts checks the bearer
 * token before any handler runs). Every write records it.
 */
export function actorOf(request: FastifyRequest): string {
  const user = request.user;
  if (!user) throw new CentralError('UNAUTHENTICATED', 'sign in and send Authorization: Bearer <token>');
  return user.username;
}

/** For a check inside a route (the permission table covers whole routes): FORBIDDEN unless the role may. */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  const user = request.user;
  if (!user) throw new CentralError('UNAUTHENTICATED', 'sign in and send Authorization: Bearer <token>');
  assertRoleMay(user.role, permission);
}
