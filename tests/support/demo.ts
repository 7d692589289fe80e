// The demo `npm start` runs, started by a test: loopback, free ports, its data in a temp folder that
// is removed after the test (and the stack stopped before that).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { type DemoStack, type DemoStackOptions, startDemoStack } from '../../scripts/demo-stack.js';

export async function startTestDemo(
  t: TestContext,
  options: Pick<DemoStackOptions, 'demo' | 'pms'> = {},
): Promise<DemoStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roompost-demo-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const stack = await startDemoStack({
    dataDir,
    httpPortCentral: 0,
    httpPortEdge: 0,
    httpPortRestaurant: 0,
    mqttPort: 0,
    logLevel: 'warn',
    ...options,
  });
  t.after(() => stack.stop());
  return stack;
}
