import { ApiError } from '@roompost/sync';
import type { FastifyRequest } from 'fastify';

/**
 * Who is making a change. Until sign-in arrives (issue #8) the caller names the user in the
 * `X-Roompost-User` header; every write records it. Reads do not need it.
 */
export function actorOf(request: FastifyRequest): string {
  const raw = request.headers['x-roompost-user'];
  const user = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!user || user.length > 64 || !/^[\p{L}\p{N} ._@-]+$/u.test(user)) {
    throw new ApiError('VALIDATION_FAILED', 'name the acting user in the X-Roompost-User header', {
      field: 'X-Roompost-User',
    });
  }
  return user;
}
