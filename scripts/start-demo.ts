// `npm start`: the demo hotel on loopback. Ctrl-C stops everything; the next start resumes the data.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@roompost/sync';
import { isSimulatedPmsKind, SIMULATED_PMS_KINDS } from '../central/src/pms/simulated-pms.js';
import { DEMO_GROUP_USERS, startDemoGroup } from './demo-group.js';
import { DEMO_KINDS, type DemoKind } from './demo-profiles.js';
import { DEMO_STAFF, DEMO_USERS, startDemoStack } from './demo-stack.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** `ROOMPOST_DEMO=in`: the Indian demo property (Amber Haveli, Jaipur, GST) instead of Harbour View. */
/** `ROOMPOST_DEMO=group`: both properties in one process and the group view over them. */
function demoFromEnv(value = 'us'): DemoKind | 'group' {
  if (value === 'group' || (DEMO_KINDS as readonly string[]).includes(value)) return value as DemoKind;
  throw new ConfigError('ROOMPOST_DEMO', [`unknown demo "${value}": one of ${DEMO_KINDS.join(', ')}, group`]);
}

const GROUP_PORT = 8090;

async function startGroupDemo(): Promise<{ stop(): Promise<void> }> {
  const dataDir = resolve(process.env.ROOMPOST_DATA_DIR ?? resolve(repo, 'var/demo-group'));
  const demo = await startDemoGroup({ dataDir, logToStderr: true, groupPort: GROUP_PORT });
  const lines = demo.stacks.map(
    (s) =>
      `  ${`${s.profile.hotelName} (${s.profile.property}):`.padEnd(32)}console ${s.centralUrl}/console/   kiosk ${s.edgeUrl}/`,
  );
  console.log(`
roompost demo — a hotel group: ${demo.stacks.map((s) => s.profile.hotelName).join(' and ')}, one process

${lines.join('\n')}
  Group view:                     ${demo.group.url}/api/group/fleet   /api/group/reconciliation   /api/group/properties
                                  sign in: POST ${demo.group.url}/api/group/sign-in
  Group users (user / password):  ${DEMO_GROUP_USERS.map((u) => `${u.username} / ${u.password} (${u.properties === '*' ? 'all' : u.properties.join(', ')})`).join(', ')}
  Each property's own users:      ${DEMO_USERS.map((u) => `${u.username} / ${u.password}`).join(', ')}
  Data:                           ${dataDir}

Ctrl-C stops everything.`);
  return demo;
}

/** `ROOMPOST_PMS=<kind>`: post to that PMS's simulator instead of the built-in folio engine. */
function pmsFromEnv(value = 'builtin'): 'builtin' | (typeof SIMULATED_PMS_KINDS)[number] {
  if (value === 'builtin' || isSimulatedPmsKind(value)) return value;
  throw new ConfigError('ROOMPOST_PMS', [
    `unknown PMS "${value}": one of builtin, ${SIMULATED_PMS_KINDS.join(', ')}`,
  ]);
}

try {
  const pms = pmsFromEnv(process.env.ROOMPOST_PMS || undefined);
  const demo = demoFromEnv(process.env.ROOMPOST_DEMO || undefined);
  if (demo === 'group') {
    if (pms !== 'builtin')
      throw new ConfigError('ROOMPOST_PMS', ['the group demo runs on the built-in folio engine']);
    const group = await startGroupDemo();
    const stopGroup = (signal: string) => {
      console.log(`\n${signal}: stopping…`);
      void group.stop().then(() => console.log('stopped.'));
    };
    process.once('SIGINT', () => stopGroup('SIGINT'));
    process.once('SIGTERM', () => stopGroup('SIGTERM'));
  } else {
    // Each demo property keeps its own data: var/demo (Harbour View), var/demo-in (Amber Haveli).
    const dataDir = resolve(
      process.env.ROOMPOST_DATA_DIR ?? resolve(repo, demo === 'us' ? 'var/demo' : `var/demo-${demo}`),
    );
    const stack = await startDemoStack({ dataDir, logToStderr: true, pms, demo });
    const { profile } = stack;
    const hint = stack.cards.find((c) => c.roomNumber === profile.hintRoom);
    const pmsLine = stack.pms
      ? `${stack.pms.kind} simulator at ${stack.pms.address}, seeded with the demo hotel's guests`
      : 'built-in folio engine (ROOMPOST_PMS=<kind> posts to a PMS simulator instead)';
    console.log(`
  roompost demo — ${profile.hotelName} (${stack.pms ? `${stack.pms.kind} PMS simulator` : 'built-in folio engine'})

    PMS:                ${pmsLine}

    Kiosk (Pool Bar):   ${stack.edgeUrl}/   guest self-service
    ${`${profile.restaurantName}:`.padEnd(20)}${stack.restaurantUrl}/   staff mode, PIN sign-in
    Back office:        ${stack.centralUrl}/console/   fleet of outlet devices
    Front desk:         ${stack.centralUrl}/desk/      bookings, folios, checkout, night audit (frontdesk / frontdesk-demo-pass)
    Central API:        ${stack.centralUrl}/api/pms/postings   (OpenAPI: /api/openapi.json)
    MQTT broker:        ${stack.mqttUrl}
    Data:               ${dataDir}
    Log:                ${stack.logFile}
    Receipts:           ${resolve(dataDir, 'edge-pool/receipts.txt')}
                        ${resolve(dataDir, 'edge-rest/receipts.txt')}

    Hint: tap card ${hint?.uid} for room ${profile.hintRoom} (kiosk developer panel, or \`npm run tap -- ${hint?.uid}\`),
          or enter room ${profile.hintRoom} with last name ${profile.hintLastName}.${
            profile.kind === 'in'
              ? '\n  GST invoice walk-through: docs/walkthrough-gst-invoice.md (property: GET /api/folio/property)'
              : ''
          }
    Staff PINs (${profile.restaurantName}): ${DEMO_STAFF.map((s) => `${s.pin} ${s.name} (${s.role.replace('_', ' ')})`).join(', ')}.
    Back office and API sign-in (user / password): ${DEMO_USERS.map((u) => `${u.username} / ${u.password}`).join(', ')}.

  Ctrl-C stops everything.`);

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping…`);
      await stack.stop();
      console.log('stopped.');
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('roompost demo could not start:', err);
  }
  process.exitCode = 1;
}
