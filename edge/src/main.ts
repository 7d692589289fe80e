// roompost-edge: runs an outlet from its config file (systemd/roompost-edge.service).
//   node --import tsx edge/src/main.ts --config /etc/roompost/edge.json --data /var/lib/roompost/edge
import { parseArgs } from 'node:util';
import { ConfigError } from '@roompost/sync';
import { pino } from 'pino';
import { loadEdgeConfig } from './config/edge-config.js';
import { startEdge } from './edge-app.js';

const USAGE =
  'usage: roompost-edge --config <edge.json> --data <data dir> [--kiosk <built kiosk dir>] [--log-level info]';

async function main(): Promise<number> {
  let args: Record<string, string | undefined>;
  try {
    args = parseArgs({
      options: {
        config: { type: 'string' },
        data: { type: 'string' },
        kiosk: { type: 'string' },
        'log-level': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args.config || !args.data) {
    console.error(USAGE);
    return 2;
  }
  const logger = pino({ level: args['log-level'] ?? 'info' });
  try {
    const edge = await startEdge(loadEdgeConfig(args.config), {
      dataDir: args.data,
      logger,
      ...(args.kiosk ? { kioskDir: args.kiosk } : {}),
    });
    const stop = () => {
      logger.info({}, 'stopping');
      void edge.stop().then(() => logger.flush());
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else logger.fatal({ err }, 'edge could not start');
    return 1;
  }
}

process.exitCode = await main();
