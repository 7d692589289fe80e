// Final statuses delivered until acknowledged. Central publishes a charge's status when it changes;
// a status lost on the way (the edge offline, a broker restarted without its queue) would otherwise
// leave the outlet showing "queued" or "posted" for a charge that is posted, failed or voided. Each
// edge acknowledges the statuses it stored (`charge-status-ack`); central publishes every final
// status (posted, failed, rejected, voided, withdrawn) of the last week that the edge has not
// acknowledged in that state again: when the device comes online (its presence) and on an interval.
// The edge applies a status it already holds as a no-op, so a repeat changes nothing.

import { InsertTemplate, QueryTemplate } from '@roompost/folio';
import type { ServiceMqttClient } from '@roompost/sync';
import {
  type ChargeStatusMessage,
  chargeStatusAck,
  decodePayload,
  type Logger,
  parseTopic,
  presenceMessage,
  subscriptionFilter,
  wildcardFor,
} from '@roompost/sync';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { RoomChargeRow } from './room-charge.repository.js';

export interface StatusResenderDeps {
  client: ServiceMqttClient;
  property: string;
  shareGroup?: string | undefined;
  db: Kysely<CentralDatabase>;
  clock: Clock;
  logger: Logger;
  /** Each charge's status as central holds it now (voids included). */
  statusesOf: (rows: RoomChargeRow[]) => Promise<ChargeStatusMessage[]>;
  publish: (device: string, status: ChargeStatusMessage) => Promise<void>;
  /** Several workers: only the leader runs the interval pass. */
  isLeader?: () => boolean;
  /** How often unacknowledged final statuses are sent again (default 60 s; 0: only on presence). */
  intervalMs?: number;
  /** A charge received more recently than this is left to the answer just sent (default 30 s). */
  graceMs?: number;
  /** How far back statuses are delivered (default 7 days, as the edge's own re-sync). */
  lookbackMs?: number;
}

const FINAL_POSTING = ['posted', 'failed', 'rejected', 'withdrawn'] as const;
const BATCH = 500;

export class StatusResender {
  readonly #d: StatusResenderDeps;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);
  #timer: NodeJS.Timeout | undefined;
  readonly #running = new Map<string, Promise<number>>();
  /** An edge acknowledges each status as it comes (one charge a message): compiled once, on first use. */
  #ackStatements: ReturnType<typeof ackStatements> | undefined;

  constructor(deps: StatusResenderDeps) {
    this.#d = deps;
  }

  async start(): Promise<void> {
    const { client, property, shareGroup } = this.#d;
    client.on('message', this.#onMessage);
    await client.subscribeAsync(
      [
        subscriptionFilter(wildcardFor('chargeStatusAck', property), shareGroup),
        wildcardFor('presence', property),
      ],
      { qos: 1 },
    );
    const every = this.#d.intervalMs ?? 60_000;
    if (every > 0) {
      this.#timer = setInterval(() => {
        if (this.#d.isLeader?.() === false) return;
        void this.resend().catch((err: unknown) => this.#d.logger.warn({ err }, 'statuses not re-sent'));
      }, every);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#d.client.off('message', this.#onMessage);
    await Promise.allSettled(this.#running.values());
  }

  /** Publishes again every final status not acknowledged (of one device, or all); answers how many. */
  resend(device?: string): Promise<number> {
    const key = device ?? '*';
    const running = this.#running.get(key);
    if (running) return running;
    const pass = this.#pass(device).finally(() => this.#running.delete(key));
    this.#running.set(key, pass);
    return pass;
  }

  async #pass(device: string | undefined): Promise<number> {
    const { db, clock } = this.#d;
    const now = clock.now().getTime();
    const since = new Date(now - (this.#d.lookbackMs ?? 7 * 24 * 3_600_000)).toISOString();
    // On the device's reconnect everything goes (it missed what was sent while it was away); the
    // interval pass leaves charges just received to the answer sent with them.
    const until = new Date(now - (device === undefined ? (this.#d.graceMs ?? 30_000) : 0)).toISOString();
    let sent = 0;
    let after = '';
    for (;;) {
      let query = db
        .selectFrom('room_charges as rc')
        .leftJoin('charge_status_acks as a', 'a.charge_id', 'rc.id')
        .selectAll('rc')
        .select('a.status as acked')
        .where('rc.source', '=', 'mqtt')
        .where('rc.received_at', '>=', since)
        .where('rc.received_at', '<=', until)
        .where('rc.posting_status', 'in', FINAL_POSTING)
        .where((eb) =>
          eb.or([
            eb('a.charge_id', 'is', null),
            eb('a.status', '<>', eb.ref('rc.posting_status')),
            // Acknowledged as posted, then voided at central.
            eb.and([
              eb('rc.posting_status', '=', 'posted'),
              eb.exists(
                eb
                  .selectFrom('charge_voids as v')
                  .select(sql<number>`1`.as('one'))
                  .whereRef('v.charge_id', '=', 'rc.id')
                  .where('v.status', '=', 'voided'),
              ),
            ]),
          ]),
        )
        .where('rc.id', '>', after)
        .orderBy('rc.id')
        .limit(BATCH);
      if (device !== undefined) query = query.where('rc.device', '=', device);
      const rows = await query.execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      const acked = new Map(rows.map((r) => [r.id, r.acked]));
      const statuses = await this.#d.statusesOf(rows.map(({ acked: _, ...row }) => row as RoomChargeRow));
      for (const [i, status] of statuses.entries()) {
        const row = rows[i];
        if (!row || acked.get(status.chargeId) === status.status) continue;
        try {
          await this.#d.publish(row.device, status);
          sent++;
        } catch (err) {
          this.#d.logger.warn(
            { err, chargeId: status.chargeId },
            'status not re-sent; next pass tries again',
          );
          return sent;
        }
      }
      if (rows.length < BATCH) break;
    }
    if (sent > 0)
      this.#d.logger.info({ device: device ?? null, sent }, 'unacknowledged charge statuses sent again');
    return sent;
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseTopic(topic);
    if (!parsed || parsed.property !== this.#d.property) return;
    if (parsed.kind === 'presence') {
      if (payload.length === 0) return;
      const presence = decodePayload(presenceMessage, payload);
      if (presence.ok && presence.value.online) {
        await this.resend(parsed.device).catch((err: unknown) =>
          this.#d.logger.warn({ err, device: parsed.device }, 'statuses not re-sent on reconnect'),
        );
      }
      return;
    }
    if (parsed.kind !== 'chargeStatusAck') return;
    const decoded = decodePayload(chargeStatusAck, payload);
    if (!decoded.ok) {
      this.#d.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed status acknowledgement');
      return;
    }
    try {
      // Only the device's own charges: another device cannot silence a status meant for an outlet.
      const { acks } = decoded.value;
      this.#ackStatements ??= ackStatements(this.#d.db);
      const first = acks[0];
      const ownRows =
        acks.length === 1 && first
          ? (
              await this.#ackStatements.ownOne.execute(this.#d.db, {
                device: parsed.device,
                id: first.chargeId,
              })
            ).rows
          : await this.#d.db
              .selectFrom('room_charges')
              .select('id')
              .where('device', '=', parsed.device)
              .where(
                'id',
                'in',
                acks.map((a) => a.chargeId),
              )
              .execute();
      const own = new Set(ownRows.map((r) => r.id));
      const at = this.#d.clock.now().toISOString();
      // One statement (one commit) per message, not one per charge; the last ack of a charge wins.
      const latest = new Map<string, string>();
      for (const ack of decoded.value.acks) if (own.has(ack.chargeId)) latest.set(ack.chargeId, ack.status);
      if (latest.size > 0) {
        await this.#ackStatements.upsert.execute(
          this.#d.db,
          [...latest].map(([chargeId, status]) => ({ charge_id: chargeId, status, acked_at: at })),
        );
      }
    } catch (err) {
      this.#d.logger.warn({ err }, 'status acknowledgement not stored; central sends the status again');
    }
  }
}

/** The status acknowledgement's statements, compiled once per database (upserts once per row count). */
function ackStatements(db: Kysely<CentralDatabase>) {
  return {
    ownOne: new QueryTemplate<{ device: string; id: string }, { id: string }>(['device', 'id'], (a) =>
      db.selectFrom('room_charges').select('id').where('device', '=', a.device).where('id', '=', a.id),
    ),
    upsert: new InsertTemplate<{ charge_id: string; status: string; acked_at: string }>(
      ['charge_id', 'status', 'acked_at'],
      (rows) =>
        db
          .insertInto('charge_status_acks')
          .values(rows)
          .onConflict((oc) =>
            oc.column('charge_id').doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              acked_at: eb.ref('excluded.acked_at'),
            })),
          ),
    ),
  };
}
