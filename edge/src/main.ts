// roompost-edge: runs an outlet from its config file (systemd/roompost-edge.service).
//   node --import tsx edge/src/main.ts --config /etc/roompost/edge.json --data /var/lib/roompost/edge
import { runService } from '@roompost/sync';
import { loadEdgeConfig } from './config/edge-config.js';
import { startEdge } from './edge-app.js';

process.exitCode = await runService({
  usage:
    'roompost-edge --config <edge.json> --data <data dir> [--kiosk <built kiosk dir>] [--log-level info]',
  extraOptions: ['kiosk'],
  load: loadEdgeConfig,
  start: (config, args, logger) =>
    startEdge(config, { dataDir: args.data ?? '', logger, ...(args.kiosk ? { kioskDir: args.kiosk } : {}) }),
});
