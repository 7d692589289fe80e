// `roompost-central group`: one process serving a hotel group. Each property is a whole central (its
// own central.json, database, PMS, outlets, users, broker accounts) started side by side; the group
// view reads them all. Properties share an external broker (topics carry the property code) or
// each runs its own embedded one on its own port.
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, type Logger } from '@roompost/sync';
import { type Central, startCentral } from '../central-app.js';
import { type Clock, systemClock } from '../clock.js';
import { loadCentralConfig } from '../config/central-config.js';
import type { GroupConfig } from './group-config.js';
import { startGroupServer } from './group-server.js';

export interface Group {
  readonly url: string;
  readonly properties: ReadonlyMap<string, Central>;
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts every property of `config` (data folders relative to `dataDir`), then the group view. */
export async function startGroup(
  config: GroupConfig,
  deps: { dataDir: string; logger: Logger; clock?: Clock; consoleDir?: string },
): Promise<Group> {
  const loaded = config.properties.map((p) => ({ ...p, central: loadCentralConfig(p.config) }));
  const codes = loaded.map((p) => p.central.property);
  const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
  const unknown = config.users.flatMap((u) =>
    u.properties === '*'
      ? []
      : u.properties.filter((c) => !codes.includes(c)).map((c) => `${u.username}: ${c}`),
  );
  if (twice.length > 0 || unknown.length > 0) {
    throw new ConfigError('group config', [
      ...twice.map((c) => `properties: ${c} is named by two central.json files`),
      ...unknown.map((u) => `users: ${u} is not a property of this group`),
    ]);
  }
  const started = new Map<string, Central>();
  const stopAll = async () => {
    for (const central of [...started.values()].reverse()) await central.stop().catch(() => {});
  };
  try {
    for (const p of loaded) {
      const dataDir = isAbsolute(p.data) ? p.data : join(deps.dataDir, p.data);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      started.set(
        p.central.property,
        await startCentral(p.central, {
          dataDir,
          logger: deps.logger,
          ...(deps.clock ? { clock: deps.clock } : {}),
        }),
      );
    }
    const tls = config.http.tls;
    const server = await startGroupServer({
      name: config.name,
      host: config.http.host,
      port: config.http.port,
      ...(tls
        ? { tls: { cert: readFileSync(tls.certFile, 'utf8'), key: readFileSync(tls.keyFile, 'utf8') } }
        : {}),
      properties: [...started].map(([code, central]) => ({ code, central })),
      users: config.users,
      clock: deps.clock ?? systemClock,
      logger: deps.logger,
      ...(deps.consoleDir ? { consoleDir: deps.consoleDir } : {}),
    });
    deps.logger.info({ url: server.url, properties: codes }, 'group view started');
    return {
      url: server.url,
      properties: started,
      alive: async () => (await Promise.all([...started.values()].map((c) => c.alive()))).every(Boolean),
      stop: async () => {
        await server.close();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
