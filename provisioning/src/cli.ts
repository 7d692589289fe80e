// roompost-provision: IT's tool to register outlet devices at central and hand them a one-time
// enrollment token (printed, and as a QR code for the device's screen or a phone).
//   npx tsx provisioning/src/cli.ts create-device --outlet POOL --name pool-kiosk-1

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { promptSecret, secretFromFile, tlsFetch } from '@roompost/sync';
import QRCode from 'qrcode';
import { CentralRequestError, centralClient } from './central-client.js';
import { expandRoomNumbers } from './room-numbers.js';

const USAGE = `usage: roompost-provision <command> [options]

  create-device --outlet <CODE> --name <device-name> [--mode self-service|staff] [--ttl <minutes>]
  list
  revoke <device-name>
  rotate-credentials <device-name> [--ttl <minutes>]
  create-user --username <name> --role <server|front_desk|manager|admin|it|office>
              [--new-password-file <file>]   (else asked for, or the first line of stdin)
  set-staff <staff-id> --name <name> --role <server|front_desk|manager|admin>
              [--pin-file <file>]   (a new staff member needs a PIN: else asked for, or stdin)
              [--badge <card-uid>]  (the staff badge, for outlets that sign in with PIN and badge)
  list-staff
  remove-staff <staff-id>

  the built-in folio engine's rooms (a property set up with roompost-central init has none):
  add-room-type --code <DLX> --name <name> [--occupancy <guests the base rate covers, default 2>]
  add-rooms --type <DLX> <number|from-to>...   e.g. add-rooms --type DLX 101-120 12A
  list-rooms
  add-rate-plan --code <BAR> --name <name>
  set-rate --plan <BAR> --type <DLX> --from <YYYY-MM-DD> --to <YYYY-MM-DD, exclusive> --amount <189.00>

  common: --central <url> (default $ROOMPOST_CENTRAL_URL or http://127.0.0.1:8080; https:// off loopback)
          --ca-file <ca.crt> (default $ROOMPOST_CA_FILE): the CA central's HTTPS certificate chains to
              (the property CA: <central data dir>/tls/ca.crt, as roompost-central init printed)
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
  const { command, name, rest, values } = parsed;
  if (values.help || command === 'help') {
    out(USAGE);
    return 0;
  }
  let fetchFn: typeof fetch | undefined;
  const caFile = values['ca-file'] ?? process.env.ROOMPOST_CA_FILE;
  if (caFile) {
    try {
      fetchFn = tlsFetch({ ca: readFileSync(caFile, 'utf8') });
    } catch (err) {
      out(`cannot read --ca-file: ${(err as Error).message}`);
      return 2;
    }
  }
  if (/^http:/i.test(values.central) && !isLoopbackUrl(values.central)) {
    out(`--central ${values.central} is plain HTTP off loopback: use central's https:// address`);
    return 2;
  }
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
  const central = centralClient(values.central, values.user, password, fetchFn);
  const ttl = Number(values.ttl ?? '60');
  if (!Number.isInteger(ttl) || ttl < 1) {
    out(`--ttl must be a whole number of minutes, got "${values.ttl}"`);
    return 2;
  }
  try {
    switch (command) {
      case 'create-device': {
        if (!values.outlet || !values.name) throw new UsageError('create-device needs --outlet and --name');
        if (values.mode !== undefined && values.mode !== 'self-service' && values.mode !== 'staff') {
          throw new UsageError(`--mode must be self-service or staff, got "${values.mode}"`);
        }
        const issued = await central.createDevice(values.outlet, values.name, ttl, values.mode);
        const { fingerprint } = await central.propertyCa();
        await printToken(out, issued.device.id, issued.token, issued.expiresAt, values.central, fingerprint);
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
        out(`device:     ${name}`);
        out(`token:      ${issued.token}`);
        out(`expires at: ${issued.expiresAt} (one use)`);
        out(
          `on the device: roompost-edge rotate-credentials --token ${issued.token} --config /etc/roompost/edge.json`,
        );
        out('(the device keeps its settings and its current secret until then; it reconnects by itself)');
        out(await QRCode.toString(issued.token, { type: 'terminal', small: true }));
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
          ...(values.badge === undefined ? {} : { badge: values.badge }),
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
      case 'add-room-type': {
        if (!values.code || !values.name) throw new UsageError('add-room-type needs --code and --name');
        const occupancy = Number(values.occupancy ?? '2');
        if (!Number.isInteger(occupancy) || occupancy < 1) {
          throw new UsageError(`--occupancy must be a whole number of guests, got "${values.occupancy}"`);
        }
        const type = await central.addRoomType(values.code, values.name, occupancy);
        out(`added room type ${type.code} (${type.name}, ${type.baseOccupancy} guests)`);
        return 0;
      }
      case 'add-rooms': {
        if (!values.type || rest.length === 0)
          throw new UsageError('add-rooms needs --type and room numbers');
        let numbers: string[];
        try {
          numbers = expandRoomNumbers(rest);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        const { rooms } = await central.addRooms(values.type, numbers);
        out(
          `added ${rooms.length} room${rooms.length === 1 ? '' : 's'} of type ${values.type}: ${rooms
            .map((r) => r.number)
            .join(' ')}`,
        );
        return 0;
      }
      case 'list-rooms': {
        const [{ roomTypes }, { rooms }] = await Promise.all([central.listRoomTypes(), central.listRooms()]);
        for (const t of roomTypes) {
          const numbers = rooms.filter((r) => r.roomTypeCode === t.code).map((r) => r.number);
          out(
            `${t.code.padEnd(16)} ${t.name} (${t.baseOccupancy} guests): ${numbers.join(' ') || 'no rooms'}`,
          );
        }
        if (roomTypes.length === 0) out('no room types yet: add-room-type, then add-rooms');
        return 0;
      }
      case 'add-rate-plan': {
        if (!values.code || !values.name) throw new UsageError('add-rate-plan needs --code and --name');
        await central.addRatePlan(values.code, values.name);
        out(`added rate plan ${values.code} (${values.name}); give it rates with set-rate`);
        return 0;
      }
      case 'set-rate': {
        if (!values.plan || !values.type || !values.from || !values.to || !values.amount) {
          throw new UsageError('set-rate needs --plan, --type, --from, --to and --amount');
        }
        const { nights } = await central.setRate(values.plan, {
          roomTypeCode: values.type,
          from: values.from,
          to: values.to,
          amount: values.amount,
        });
        out(
          `${values.plan} ${values.type}: ${values.amount} a night for ${nights} nights from ${values.from}`,
        );
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
      badge: { type: 'string' },
      'ca-file': { type: 'string' },
      mode: { type: 'string' },
      code: { type: 'string' },
      type: { type: 'string' },
      occupancy: { type: 'string' },
      plan: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      amount: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      central: { type: 'string', default: process.env.ROOMPOST_CENTRAL_URL ?? 'http://127.0.0.1:8080' },
      user: { type: 'string', default: process.env.ROOMPOST_USER ?? process.env.USER ?? 'it' },
    },
  });
  const [command, name] = positionals;
  return {
    command,
    name,
    rest: positionals.slice(1),
    values: { ...values, central: values.central ?? '', user: values.user ?? 'it' },
  };
}

async function printToken(
  out: (line: string) => void,
  device: string,
  token: string,
  expiresAt: string,
  centralUrl: string,
  fingerprint: string | null,
) {
  out(`device:     ${device}`);
  out(`token:      ${token}`);
  out(`expires at: ${expiresAt} (one use)`);
  if (fingerprint) out(`central CA: ${fingerprint}`);
  out(
    `on the device: sudo roompost-edge enroll --central ${centralUrl} --token ${token}${
      fingerprint ? ` --ca-fingerprint ${fingerprint.replaceAll(':', '')}` : ''
    } --config /etc/roompost/edge.json`,
  );
  out(await QRCode.toString(token, { type: 'terminal', small: true }));
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
