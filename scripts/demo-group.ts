// `ROOMPOST_DEMO=group npm start`: a hotel group in one process: Harbour View (New York, USD) on the
// demo's usual ports and Amber Haveli (Jaipur, INR) on free ports, each a whole demo property with its
// own central, database, broker and outlets, and the group view over both (docs/scale-out.md
// "A hotel group"), where the group's users see the properties they are scoped to.
import { join } from 'node:path';
import { type GroupServer, startGroupServer, systemClock } from '@roompost/central';
import { silentLogger } from '@roompost/sync';
import { hashPassword } from '../central/src/auth/password-hash.js';
import { type DemoStack, startDemoStack } from './demo-stack.js';

/** The group view's demo users: the owner sees both hotels, each general manager their own. */
export const DEMO_GROUP_USERS = [
  { username: 'owner', password: 'owner-demo-pass', properties: '*' as const },
  { username: 'harbour.gm', password: 'harbour-demo-pass', properties: ['HARBOUR'] },
  { username: 'amber.gm', password: 'amber-demo-pass', properties: ['AMBER'] },
];

export interface DemoGroup {
  stacks: DemoStack[];
  group: GroupServer;
  stop(): Promise<void>;
}

export async function startDemoGroup(opts: {
  dataDir: string;
  logToStderr?: boolean;
  /** The group view's port (0: a free one). */
  groupPort: number;
  /** Harbour View's ports; undefined keeps its config file's (8080, 8081, 8082, 18830). */
  harbourPorts?: 0;
}): Promise<DemoGroup> {
  const stacks: DemoStack[] = [];
  const stopAll = async () => {
    for (const s of stacks.reverse()) await s.stop();
  };
  try {
    const free = { httpPortCentral: 0, httpPortEdge: 0, httpPortRestaurant: 0, mqttPort: 0 };
    stacks.push(
      await startDemoStack({
        dataDir: join(opts.dataDir, 'harbour'),
        demo: 'us',
        ...(opts.harbourPorts === 0 ? free : {}),
        ...(opts.logToStderr ? { logToStderr: true } : {}),
      }),
    );
    stacks.push(
      await startDemoStack({
        dataDir: join(opts.dataDir, 'amber'),
        demo: 'in',
        ...free,
        ...(opts.logToStderr ? { logToStderr: true } : {}),
      }),
    );
    const users = [];
    for (const u of DEMO_GROUP_USERS) {
      users.push({
        username: u.username,
        passwordHash: await hashPassword(u.password),
        properties: u.properties,
      });
    }
    const group = await startGroupServer({
      name: 'Harbour & Amber Hotels',
      host: '127.0.0.1',
      port: opts.groupPort,
      properties: stacks.map((s) => ({ code: s.profile.property, central: s.central })),
      users,
      clock: systemClock,
      logger: silentLogger,
    });
    return {
      stacks,
      group,
      stop: async () => {
        await group.close();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
