// roompost-edge: runs an outlet from its config file (systemd/roompost-edge.service).
//   node edge/dist/main.js (npm run build), or in development node --import tsx edge/src/main.ts --config /etc/roompost/edge.json --data /var/lib/roompost/edge
import { parseArgs } from 'node:util';
import { runService } from '@roompost/sync';
import { loadEdgeConfig } from './config/edge-config.js';
import { startEdge } from './edge-app.js';

process.exitCode =
  process.argv[2] === 'enroll'
    ? await enrollCommand(process.argv.slice(3))
    : await runService({
        usage:
          'roompost-edge --config <edge.json> --data <data dir> [--kiosk <built kiosk dir>] [--log-level info]',
        extraOptions: ['kiosk'],
        load: loadEdgeConfig,
        start: (config, args, logger) =>
          startEdge(config, {
            dataDir: args.data ?? '',
            logger,
            ...(args.kiosk ? { kioskDir: args.kiosk } : {}),
          }),
      });

/** `roompost-edge enroll --central <url> --token <token> --config <file> [--mode staff] [--locale en-US] [--port 8081]` */
async function enrollCommand(argv: string[]): Promise<number> {
  const usage =
    'usage: roompost-edge enroll --central <url> --token <token> --config <edge.json> [--mode self-service|staff] [--locale en-US] [--port 8081]';
  let v: Record<string, string | undefined>;
  try {
    v = parseArgs({
      args: argv,
      options: {
        central: { type: 'string' },
        token: { type: 'string' },
        config: { type: 'string' },
        mode: { type: 'string' },
        locale: { type: 'string' },
        port: { type: 'string' },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const mode = v.mode ?? 'self-service';
  const port = Number(v.port ?? '8081');
  if (
    !v.central ||
    !v.token ||
    !v.config ||
    (mode !== 'self-service' && mode !== 'staff') ||
    !Number.isInteger(port)
  ) {
    console.error(usage);
    return 2;
  }
  const { enroll, EnrollError } = await import('./enroll/enroll.js');
  try {
    const config = await enroll({
      central: v.central,
      token: v.token,
      configFile: v.config,
      mode,
      locale: v.locale ?? 'en-US',
      httpPort: port,
    });
    console.log(`enrolled ${config.device} for outlet ${config.outlet.code}; config written to ${v.config}`);
    return 0;
  } catch (err) {
    if (err instanceof EnrollError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
