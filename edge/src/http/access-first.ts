import type { FastifyRequest } from 'fastify';

/**
 * A route's access check as its `preValidation` hook: who may call it is answered (401/403,
 * SCREEN_NOT_PAIRED, an option the outlet does not offer) before its schema looks at the request,
 * so a caller without access learns nothing from validation errors.
 */
export function accessFirst(check: (req: FastifyRequest) => unknown) {
  return {
    preValidation: async (req: FastifyRequest) => {
      check(req);
    },
  };
}
