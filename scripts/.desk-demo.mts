import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoStack } from '/work/wt/frontdesk/scripts/demo-stack.js';
const stack = await startDemoStack({ dataDir: mkdtempSync(join(tmpdir(), 'desk-demo-')), httpPortCentral: 0, httpPortEdge: 0, httpPortRestaurant: 0, mqttPort: 0, logLevel: 'warn', demo: (process.env.DEMO as 'in' | 'us') ?? 'in' });
console.log(stack.centralUrl);
