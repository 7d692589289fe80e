import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Logger } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_DESK_DIR = fileURLToPath(new URL('../../../kiosk-ui/dist/desk', import.meta.url));

/** Serves the front desk build at /desk/ (its API calls are signed in like the console's). */
export async function registerDesk(app: FastifyInstance, dir: string, logger: Logger): Promise<void> {
  if (!existsSync(resolve(dir, 'index.html'))) {
    logger.warn({ dir }, 'front desk not built; run `npm run build:ui`');
    app.get('/desk/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('The front desk is not built yet: run `npm run build:ui`, then reload.'),
    );
    return;
  }
  // decorateReply only once: the console's registration already added sendFile.
  await app.register(fastifyStatic, { root: dir, prefix: '/desk/', decorateReply: false });
}
