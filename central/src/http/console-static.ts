import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Logger } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../kiosk-ui/dist/console', import.meta.url));

/** Serves the back-office console build at /console/ (and sends / there). */
export async function registerConsole(app: FastifyInstance, dir: string, logger: Logger): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'));
  if (!existsSync(resolve(dir, 'index.html'))) {
    logger.warn({ dir }, 'console not built; run `npm run build:ui`');
    app.get('/console/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('The console is not built yet: run `npm run build:ui`, then reload.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/console/' });
}
