// `roompost-central init` and `roompost-central --help` (docs/installation.md).
import { parseArgs } from 'node:util';
import { type FileOwner, promptSecret, resolveOwner, ServiceUserError, secretFromFile } from '@roompost/sync';
import { InitError, initCentral } from './init.js';

export const CENTRAL_USAGE = `usage: roompost-central <command> [options]

  run (the default)  roompost-central --config <central.json> --data <data dir> [--log-level info]
  init               roompost-central init --config /etc/roompost/central.json --data /var/lib/roompost/central
                         --name "Harbour View Hotel" --code HARBOUR --currency USD --time-zone America/New_York
                         --regime US_NYC|IN_GST|NONE [--gstin 08AAKCA4521M1ZH] --address "1 Harbour St, New York"
                         [--legal-name "Harbour View LLC"] [--specified-premises]
                         --host central.hotel.lan [--tls-name 10.0.0.5]… [--outlet POOL="Pool Bar"]…
                         [--admin admin] [--admin-password-file <file>] [--http-port 8443] [--mqtt-port 8883]
                         [--owner roompost]
  group              roompost-central group --config <group.json> --data <data dir>: a hotel group, every
                         property of group.json in one process and the group view (docs/scale-out.md)

  init sets up a new property: the property and its tax identity, the first admin (password from
  the file's first line, else asked for, or the first line of stdin), the property CA and central's
  HTTPS and broker certificates, and central.json when it does not exist (--code and --host are then
  required). It prints the CA fingerprint devices pin when they enroll. Nothing is written unless
  every input is valid; a property that is set up already is refused. Run as root, the files are
  given to --owner (default roompost, the service user central runs as).`;

/** Exit codes: 0 done, 1 refused (the code and each problem printed), 2 bad command line. */
export async function initCommand(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let v: ReturnType<typeof parse>;
  try {
    v = parse(argv);
  } catch (e) {
    err(`${(e as Error).message}\n\n${CENTRAL_USAGE}`);
    return 2;
  }
  if (v.help) {
    out(CENTRAL_USAGE);
    return 0;
  }
  const missing = (['config', 'data', 'name', 'currency', 'time-zone', 'regime', 'address'] as const).filter(
    (k) => !v[k],
  );
  if (missing.length > 0) {
    err(`INIT_INVALID: missing ${missing.map((k) => `--${k}`).join(', ')}\n\n${CENTRAL_USAGE}`);
    return 2;
  }
  const outlets: Array<{ code: string; name: string }> = [];
  for (const spec of v.outlet ?? []) {
    const at = spec.indexOf('=');
    if (at < 1) {
      err(`INIT_INVALID: --outlet "${spec}" is CODE="Name", e.g. --outlet POOL="Pool Bar"`);
      return 2;
    }
    outlets.push({ code: spec.slice(0, at), name: spec.slice(at + 1).trim() });
  }
  const port = (key: 'http-port' | 'mqtt-port', fallback: number) =>
    v[key] === undefined ? fallback : /^\d+$/.test(v[key]) ? Number(v[key]) : Number.NaN;
  const adminUsername = v.admin ?? 'admin';
  let adminPassword: string;
  try {
    adminPassword =
      v['admin-password-file'] !== undefined
        ? secretFromFile(v['admin-password-file'])
        : await promptSecret(`password for the first admin (${adminUsername}): `);
  } catch (e) {
    err(`INIT_INVALID: cannot read --admin-password-file: ${(e as Error).message}`);
    return 2;
  }
  let owner: FileOwner | null;
  try {
    owner = resolveOwner(v.owner);
  } catch (e) {
    if (!(e instanceof ServiceUserError)) throw e;
    err(`${e.code}: ${e.message}`);
    return 1;
  }
  try {
    const result = await initCentral({
      owner,
      configFile: v.config!,
      dataDir: v.data!,
      ...(v.code !== undefined ? { code: v.code } : {}),
      name: v.name!,
      currency: v.currency!,
      timeZone: v['time-zone']!,
      regime: v.regime!,
      ...(v.gstin !== undefined ? { gstin: v.gstin } : {}),
      ...(v['legal-name'] !== undefined ? { legalName: v['legal-name'] } : {}),
      address: v.address!,
      specifiedPremises: v['specified-premises'] === true,
      adminUsername,
      adminPassword,
      ...(v.host !== undefined ? { host: v.host } : {}),
      tlsNames: v['tls-name'] ?? [],
      outlets,
      httpPort: port('http-port', 8443),
      mqttPort: port('mqtt-port', 8883),
    });
    out(`property ${result.config.property} set up; first admin: ${adminUsername}`);
    out(result.configWritten ? `wrote ${v.config}` : `kept ${v.config} as it is`);
    out(`central's address:  ${result.httpsUrl}`);
    out(`property CA (SHA-256, devices pin it at enrollment): ${result.caFingerprint}`);
    out(`CA certificate for browsers and IT's laptop: ${v.data}/tls/ca.crt`);
    out(
      'next: start roompost-central (systemctl enable --now roompost-central), then roompost-provision create-device',
    );
    return 0;
  } catch (e) {
    if (e instanceof InitError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      currency: { type: 'string' },
      'time-zone': { type: 'string' },
      regime: { type: 'string' },
      gstin: { type: 'string' },
      'legal-name': { type: 'string' },
      address: { type: 'string' },
      'specified-premises': { type: 'boolean' },
      admin: { type: 'string' },
      'admin-password-file': { type: 'string' },
      host: { type: 'string' },
      'tls-name': { type: 'string', multiple: true },
      outlet: { type: 'string', multiple: true },
      'http-port': { type: 'string' },
      'mqtt-port': { type: 'string' },
      owner: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}
