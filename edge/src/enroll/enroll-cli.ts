// `roompost-edge enroll` and `roompost-edge rotate-credentials` (docs/installation.md).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '@roompost/sync';
import { EnrollError, enroll, rotateCredentials } from './enroll.js';
import { resolveOwner, ServiceUserError } from './service-user.js';

export const EDGE_USAGE = `usage: roompost-edge <command> [options]

  run (the default)   roompost-edge --config <edge.json> --data <data dir> [--kiosk <built kiosk dir>] [--log-level info]
  enroll              roompost-edge enroll --central <https://central:8443> --token <token>
                          (--ca-fingerprint <SHA-256> | --ca-file <ca.pem>) [--config /etc/roompost/edge.json]
                          [--mode self-service|staff (default: as registered)] [--locale en-US] [--port 8081] [--owner roompost]
  rotate-credentials  roompost-edge rotate-credentials --token <token> [--config /etc/roompost/edge.json] [--owner roompost]

  enroll writes enrollment.json and central-ca.pem beside edge.json, and edge.json itself only when
  it does not exist (--mode, --locale and --port apply then); rotate-credentials rewrites only
  enrollment.json. Run as root, the files are given to --owner (default roompost, the service user).`;

class UsageError extends Error {}

/** Exit codes: 0 done, 1 refused (the code and reason are printed), 2 bad command line. */
export async function edgeCommand(
  command: 'enroll' | 'rotate-credentials',
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      options: {
        central: { type: 'string' },
        token: { type: 'string' },
        config: { type: 'string', default: '/etc/roompost/edge.json' },
        mode: { type: 'string' },
        locale: { type: 'string', default: 'en-US' },
        port: { type: 'string', default: '8081' },
        owner: { type: 'string' },
        'ca-fingerprint': { type: 'string' },
        'ca-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    err(`${(e as Error).message}\n\n${EDGE_USAGE}`);
    return 2;
  }
  if (v.help) {
    out(EDGE_USAGE);
    return 0;
  }
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  try {
    if (!s('token')) throw new UsageError(`${command} needs --token (from roompost-provision)`);
    const owner = resolveOwner(s('owner'));
    if (command === 'rotate-credentials') {
      const config = await rotateCredentials({ configFile: s('config')!, token: s('token')!, owner });
      out(
        `new credentials for ${config.device} written; a running edge reconnects with them (edge.json unchanged)`,
      );
      return 0;
    }
    if (!s('central')) throw new UsageError("enroll needs --central (central's https:// address)");
    const mode = s('mode');
    if (mode !== undefined && mode !== 'self-service' && mode !== 'staff') {
      throw new UsageError(`--mode must be self-service or staff, got "${mode}"`);
    }
    const port = Number(s('port'));
    if (!/^\d+$/.test(s('port') ?? '') || port > 65535) {
      throw new UsageError(`--port must be a TCP port (0–65535), got "${s('port')}"`);
    }
    let caCertificate: string | undefined;
    if (s('ca-file')) {
      try {
        caCertificate = readFileSync(s('ca-file')!, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read --ca-file: ${(e as Error).message}`);
      }
    }
    const config = await enroll({
      central: s('central')!,
      token: s('token')!,
      configFile: s('config')!,
      mode,
      locale: s('locale')!,
      httpPort: port,
      owner,
      ...(s('ca-fingerprint') ? { caFingerprint: s('ca-fingerprint')! } : {}),
      ...(caCertificate !== undefined ? { caCertificate } : {}),
    });
    out(
      `enrolled ${config.device} for outlet ${config.outlet.code}; credentials written beside ${s('config')}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${EDGE_USAGE}`);
      return 2;
    }
    if (e instanceof EnrollError || e instanceof ServiceUserError) {
      err(`${e.code}: ${e.message}`);
      return e.code === 'CENTRAL_URL_INVALID' || e.code === 'CENTRAL_NOT_HTTPS' || e.code === 'CA_NOT_PINNED'
        ? 2
        : 1;
    }
    if (e instanceof ConfigError) {
      err(`SETTINGS_INVALID: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
