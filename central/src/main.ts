// roompost-central: runs central from a config file (systemd/roompost-central.service).
//   node --import tsx central/src/main.ts --config /etc/roompost/central.json --data /var/lib/roompost/central
import { parseArgs } from 'node:util';
import { ConfigError } from '@roompost/sync';
import { pino } from 'pino';
import { startCentral } from './central-app.js';
import { loadCentralConfig } from './config/central-config.js';

const USAGE = 'usage: roompost-central --config <central.json> --data <data dir> [--log-level info]';

async function main(): Promise<number> {
  let args: { config?: string | undefined; data?: string | undefined; 'log-level'?: string | undefined };
  try {
    args = parseArgs({
      options: { config: { type: 'string' }, data: { type: 'string' }, 'log-level': { type: 'string' } },
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
    const central = await startCentral(loadCentralConfig(args.config), { dataDir: args.data, logger });
    const stop = () => {
      logger.info({}, 'stopping');
      void central.stop().then(() => logger.flush());
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else logger.fatal({ err }, 'central could not start');
    return 1;
  }
}

process.exitCode = await main();
