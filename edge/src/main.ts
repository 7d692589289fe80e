// roompost-edge: runs an outlet from its config file (systemd/roompost-edge.service), and enrolls it.
//   node edge/dist/main.js (npm run build), or in development node --import tsx edge/src/main.ts --config /etc/roompost/edge.json --data /var/lib/roompost/edge
import { runService } from '@roompost/sync';
import { loadEdgeConfig } from './config/edge-config.js';
import { startEdge } from './edge-app.js';

const [command, ...rest] = process.argv.slice(2);
process.exitCode =
  command === 'enroll' || command === 'rotate-credentials'
    ? await (await import('./enroll/enroll-cli.js')).edgeCommand(command, rest)
    : command === '--help' || command === '-h' || command === 'help'
      ? await help()
      : await runService(
          {
            usage:
              'roompost-edge --config <edge.json> --data <data dir> [--kiosk <built kiosk dir>] [--log-level info]   (roompost-edge --help: every command)',
            extraOptions: ['kiosk'],
            load: loadEdgeConfig,
            start: (config, args, logger) =>
              startEdge(config, {
                dataDir: args.data ?? '',
                logger,
                ...(args.kiosk ? { kioskDir: args.kiosk } : {}),
                // A rotated secret (enrollment.json) is read again before each reconnect.
                credentials: () => loadEdgeConfig(args.config ?? '').central,
              }),
          },
          command === 'run' ? rest : process.argv.slice(2),
        );

async function help(): Promise<number> {
  console.log((await import('./enroll/enroll-cli.js')).EDGE_USAGE);
  return 0;
}
