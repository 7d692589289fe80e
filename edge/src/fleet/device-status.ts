import { statfs } from 'node:fs/promises';
import type { DeviceStatusMessage } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';

type Health = DeviceStatusMessage['devices']['reader'];

export interface DeviceStatusSources {
  db: Kysely<EdgeDatabase>;
  outletCode: string;
  version: string;
  startedAt: Date;
  dataDir: string;
  now: () => Date;
  lastAckAt: () => Date | null;
  devices: () => Promise<{ reader: Health; printer: Health; gpio: Health }>;
}

/** Builds the retained status the fleet page reads: queue, acks, devices, disk. */
export function deviceStatusCollector(s: DeviceStatusSources): () => Promise<DeviceStatusMessage> {
  return async () => {
    const now = s.now();
    const queue = await s.db
      .selectFrom('outbox')
      .innerJoin('charges', 'charges.id', 'outbox.charge_id')
      .select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min('charges.created_at').as('oldest')])
      .where('outbox.done_at', 'is', null)
      .executeTakeFirst();
    const oldest = queue?.oldest ? Date.parse(String(queue.oldest)) : null;
    const lastAck = s.lastAckAt();
    return {
      v: 1,
      outletCode: s.outletCode,
      version: s.version,
      startedAt: s.startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((now.getTime() - s.startedAt.getTime()) / 1000)),
      queueDepth: Number(queue?.depth ?? 0),
      oldestUnsentSeconds: oldest === null ? null : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
      lastAckAt: lastAck?.toISOString() ?? null,
      devices: await s.devices(),
      diskFreeBytes: await diskFree(s.dataDir),
      at: now.toISOString(),
    };
  };
}

async function diskFree(dir: string): Promise<number | null> {
  try {
    const fs = await statfs(dir);
    return Number(fs.bavail) * Number(fs.bsize);
  } catch {
    return null;
  }
}
