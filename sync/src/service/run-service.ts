import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError } from '../config/config-file.js';
import type { Logger } from '../logger.js';
import { releaseMemoryWhenQuiet } from './release-memory.js';
import { type SystemdNotifier, systemdNotifier } from './systemd-notify.js';

export interface ServiceMain<C> {
  /** Tells systemd about readiness and liveness (default: through systemd-notify when NOTIFY_SOCKET is set). */
  notifier?: SystemdNotifier;
  /** e.g. `roompost-edge --config <edge.json> --data <data dir>` */
  usage: string;
  /** Options besides --config, --data and --log-level. */
  extraOptions?: string[];
  load(file: string): C;
  start(
    config: C,
    args: Record<string, string | undefined>,
    logger: Logger,
  ): Promise<{ stop(): Promise<void>; alive?(): Promise<boolean> }>;
}

const FAILED_START_EXIT_MS = 3000;

/**
 * The `main` of a roompost service: parse the command line, load and validate the config (every
 * problem printed, exit 1), start, and stop cleanly on SIGTERM/SIGINT. Logs JSON to stdout for journald.
 * Resolves to the process exit code: 0 started, 1 could not start, 2 bad command line.
 */
export async function runService<C>(main: ServiceMain<C>, argv = process.argv.slice(2)): Promise<number> {
  const options: Record<string, { type: 'string' }> = {
    config: { type: 'string' },
    data: { type: 'string' },
    'log-level': { type: 'string' },
  };
  for (const name of main.extraOptions ?? []) options[name] = { type: 'string' };
  let args: Record<string, string | undefined>;
  try {
    args = parseArgs({ args: argv, options, strict: true }).values as Record<string, string | undefined>;
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: ${main.usage}`);
    return 2;
  }
  if (!args.config || !args.data) {
    console.error(`usage: ${main.usage}`);
    return 2;
  }
  const logger = pino({ level: args['log-level'] ?? 'info' });
  try {
    const service = await main.start(main.load(args.config), args, logger);
    const notifier = main.notifier ?? systemdNotifier();
    notifier.ready();
    // A hung event loop stops sending by itself; the service's own check (event loop delay, the
    // database answering) stops it for a loop that turns but cannot serve.
    const alive = service.alive?.bind(service) ?? (async () => true);
    const stopWatchdog = notifier.startWatchdog(alive);
    const release = releaseMemoryWhenQuiet({ logger });
    const stop = () => {
      logger.info({}, 'stopping');
      notifier.stopping();
      stopWatchdog();
      release.stop();
      void service.stop().then(() => logger.flush());
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else logger.fatal({ err }, 'could not start');
    // The start undid what it had done; should any handle still hold the event loop, exit anyway,
    // so systemd sees the failure now rather than at its start timeout.
    setTimeout(() => process.exit(1), FAILED_START_EXIT_MS).unref();
    return 1;
  }
}
