// Central on its own (embedded broker, built-in folio) with the demo hotel and menus seeded, in a
// temporary directory removed after the test: for tests that drive it over MQTT with raw devices.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  type Central,
  type CentralDeps,
  seedDemoCatalogs,
  seedDemoHotel,
  startCentral,
} from '@roompost/central';
import { recordingLogger } from './recording-logger.js';
import { centralConfig, freePort, TODAY } from './stack.js';

export async function startSeededCentral(
  t: TestContext,
  o: { adapter?: CentralDeps['adapter']; name?: string } = {},
): Promise<{ central: Central; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `roompost-${o.name ?? 'central'}-`));
  const central = await startCentral(centralConfig(await freePort()), {
    dataDir: dir,
    logger: recordingLogger(),
    ...(o.adapter ? { adapter: o.adapter } : {}),
  });
  t.after(async () => {
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  return { central, dir };
}
