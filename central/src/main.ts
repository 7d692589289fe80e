// roompost-central: runs central from a config file (systemd/roompost-central.service).
//   node central/dist/main.js (npm run build), or in development node --import tsx central/src/main.ts --config /etc/roompost/central.json --data /var/lib/roompost/central
import { runService } from '@roompost/sync';
import { startCentral } from './central-app.js';
import { loadCentralConfig } from './config/central-config.js';

process.exitCode = await runService({
  usage: 'roompost-central --config <central.json> --data <data dir> [--log-level info]',
  load: loadCentralConfig,
  start: (config, args, logger) => startCentral(config, { dataDir: args.data ?? '', logger }),
});
