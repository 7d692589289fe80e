// roompost-central: runs central from a config file (systemd/roompost-central.service), and sets up a
// new property (`roompost-central init`).
//   node central/dist/main.js (npm run build), or in development node --import tsx central/src/main.ts --config /etc/roompost/central.json --data /var/lib/roompost/central
import { runService } from '@roompost/sync';
import { startCentral } from './central-app.js';
import { loadCentralConfig } from './config/central-config.js';

const [command, ...rest] = process.argv.slice(2);
process.exitCode =
  command === 'init'
    ? await (await import('./setup/init-cli.js')).initCommand(rest)
    : command === 'group'
      ? await groupCommand(rest)
      : command === '--help' || command === '-h' || command === 'help'
        ? await help()
        : await runService(
            {
              usage:
                'roompost-central --config <central.json> --data <data dir> [--log-level info]   (roompost-central --help: every command)',
              load: loadCentralConfig,
              start: (config, args, logger) => startCentral(config, { dataDir: args.data ?? '', logger }),
            },
            command === 'run' ? rest : process.argv.slice(2),
          );

/** A hotel group: every property of group.json in this process, and the group view (docs/scale-out.md). */
async function groupCommand(argv: string[]): Promise<number> {
  const { loadGroupConfig } = await import('./group/group-config.js');
  const { startGroup } = await import('./group/start-group.js');
  return runService(
    {
      usage: 'roompost-central group --config <group.json> --data <data dir> [--log-level info]',
      load: loadGroupConfig,
      start: (config, args, logger) => startGroup(config, { dataDir: args.data ?? '', logger }),
    },
    argv,
  );
}

async function help(): Promise<number> {
  console.log((await import('./setup/init-cli.js')).CENTRAL_USAGE);
  return 0;
}
