// roompost-provision: IT's tool to register outlet devices at central and hand them a one-time
// enrollment token (printed, and as a QR code for the device's screen or a phone).
//   npx tsx provisioning/src/cli.ts create-device --outlet POOL --name pool-kiosk-1
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { CentralRequestError, centralClient } from './central-client.js';
import { promptSecret, secretFromFile } from './read-secret.js';

const USAGE = `usage: roompost-provision <command> [options]

  create-device --outlet <CODE> --name <device-name> [--ttl <minutes>]
  list
  revoke <device-name>
  rotate-credentials <device-name> [--ttl <minutes>]
  create-user --username <name> --role <server|front_desk|manager|admin|it|office>
              [--new-password-file <file>]   (else asked for, or the first line of stdin)
  set-staff <staff-id> --name <name> --role <server|front_desk|manager|admin>
              [--pin-file <file>]   (a new staff member needs a PIN: else asked for, or stdin)
  list-staff
  remove-staff <staff-id>

  common: --central <url> (default $ROOMPOST_CENTRAL_URL or http://127.0.0.1:8080)
          --user <user to sign in as> (default $ROOMPOST_USER or $USER)
          --password-file <file> (else $ROOMPOST_PASSWORD, else asked for)`;

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    out(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, name, values } = parsed;
  // Asked for only when central is first called, so usage errors never prompt.
  const password = async () => {
    const file = values['password-file'];
    if (file === undefined)
      return process.env.ROOMPOST_PASSWORD ?? promptSecret(`password for ${values.user}: `);
    try {
      return secretFromFile(file);
    } catch (err) {
      throw new UsageError(`cannot read --password-file: ${(err as Error).message}`);
    }
  };
  const central = centralClient(values.central, values.user, password);
  const ttl = Number(values.ttl ?? '60');
  if (!Number.isInteger(ttl) || ttl < 1) {
    out(`--ttl must be a whole number of minutes, got "${values.ttl}"`);
    return 2;
  }
  try {
    switch (command) {
      case 'create-device': {
        if (!values.outlet || !values.name) throw new UsageError('create-device needs --outlet and --name');
        const issued = await central.createDevice(values.outlet, values.name, ttl);
        await printToken(out, issued.device.id, issued.token, issued.expiresAt, values.central);
        return 0;
      }
      case 'list': {
        const { devices } = await central.listDevices();
        for (const d of devices)
          out(`${d.id.padEnd(24)} ${d.outletCode.padEnd(8)} ${d.status.padEnd(8)} ${d.enrolledAt ?? '-'}`);
        if (devices.length === 0) out('no devices registered');
        return 0;
      }
      case 'revoke': {
        if (!name) throw new UsageError('revoke needs the device name');
        const d = await central.revoke(name);
        out(`${d.id} is ${d.status}: it was disconnected and can no longer connect`);
        return 0;
      }
      case 'rotate-credentials': {
        if (!name) throw new UsageError('rotate-credentials needs the device name');
        const issued = await central.rotate(name, ttl);
        await printToken(out, name, issued.token, issued.expiresAt, values.central);
        return 0;
      }
      case 'create-user': {
        if (!values.username || !values.role) throw new UsageError('create-user needs --username and --role');
        const newPassword =
          values['new-password-file'] !== undefined
            ? secretFromFile(values['new-password-file'])
            : await promptSecret(`new password for ${values.username}: `);
        const user = await central.createUser(values.username, values.role, newPassword);
        out(`created ${user.username} (${user.role})`);
        return 0;
      }
      case 'set-staff': {
        if (!name || !values.name || !values.role)
          throw new UsageError('set-staff needs <staff-id>, --name and --role');
        const exists = (await central.listStaff()).staff.some((s) => s.id === name && s.active);
        const pin =
          values['pin-file'] !== undefined
            ? secretFromFile(values['pin-file'])
            : exists
              ? undefined
              : await promptSecret(`PIN for ${name}: `);
        const staff = await central.setStaff(name, {
          name: values.name,
          role: values.role,
          ...(pin === undefined ? {} : { pin }),
        });
        out(
          `${exists ? 'updated' : 'created'} ${staff.id} (${staff.role}); staff outlets sync it within 5 minutes`,
        );
        return 0;
      }
      case 'list-staff': {
        const { staff } = await central.listStaff();
        for (const s of staff)
          out(`${s.id.padEnd(20)} ${s.role.padEnd(11)} ${s.active ? 'active ' : 'removed'} ${s.name}`);
        if (staff.length === 0) out('no outlet staff at central (edges use their config list)');
        return 0;
      }
      case 'remove-staff': {
        if (!name) throw new UsageError('remove-staff needs the staff id');
        await central.removeStaff(name);
        out(`${name} removed: no outlet signs them in after its next roster sync`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command ?? ''}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      out(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof CentralRequestError) {
      out(`refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      outlet: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'password-file': { type: 'string' },
      'new-password-file': { type: 'string' },
      'pin-file': { type: 'string' },
      central: { type: 'string', default: process.env.ROOMPOST_CENTRAL_URL ?? 'http://127.0.0.1:8080' },
      user: { type: 'string', default: process.env.ROOMPOST_USER ?? process.env.USER ?? 'it' },
    },
  });
  const [command, name] = positionals;
  return { command, name, values: { ...values, central: values.central ?? '', user: values.user ?? 'it' } };
}

async function printToken(
  out: (line: string) => void,
  device: string,
  token: string,
  expiresAt: string,
  centralUrl: string,
) {
  out(`device:     ${device}`);
  out(`token:      ${token}`);
  out(`expires at: ${expiresAt} (one use)`);
  out(
    `on the device: roompost-edge enroll --central ${centralUrl} --token ${token} --config /etc/roompost/edge.json`,
  );
  out(await QRCode.toString(token, { type: 'terminal', small: true }));
}
