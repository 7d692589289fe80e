// One central worker as its own process, for the scale-out test: starts central from a central.json,
// seeds the demo hotel and its menus when ROOMPOST_SEED=1, prints "ready <http url>" and runs until killed.
// Warnings and errors go to stderr as JSON lines. With ROOMPOST_CPU_PROF=<file> it records a CPU profile
// from "ready" until it is stopped (SIGTERM/SIGINT) and writes it there (the benchmark's profile).
import { loadCentralConfig, seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import type { Logger } from '@roompost/sync';

const [configFile, dataDir] = process.argv.slice(2);
if (!configFile || !dataDir) throw new Error('usage: central-worker.ts <central.json> <data dir>');
const quiet = () => {};
const loud = (level: string) => (obj: object, msg?: string) =>
  process.stderr.write(
    `${JSON.stringify({ level, msg, ...obj }, (_k, v) => (v instanceof Error ? v.message : v))}\n`,
  );
const logger: Logger = { debug: quiet, info: quiet, warn: loud('warn'), error: loud('error') };

const central = await startCentral(loadCentralConfig(configFile), {
  dataDir,
  logger,
  retryPollMs: 500,
});
if (process.env.ROOMPOST_SEED === '1') {
  await seedDemoHotel(central.folio, process.env.ROOMPOST_TODAY ?? '2026-11-22');
  await seedDemoCatalogs(central.catalog);
}
const profile = process.env.ROOMPOST_CPU_PROF ? await startProfile(process.env.ROOMPOST_CPU_PROF) : null;
process.stdout.write(`ready ${central.httpUrl}\n`);
const stop = () =>
  void (profile ?? (async () => {}))()
    .then(() => central.stop())
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

async function startProfile(file: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}
