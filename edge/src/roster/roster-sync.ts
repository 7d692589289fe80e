import {
  decodePayload,
  type Logger,
  type MqttClient,
  rosterDelta,
  rosterSnapshot,
  topicFor,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { applyDelta, applySnapshot } from './roster.repository.js';

export interface RosterSyncOptions {
  client: MqttClient;
  db: Kysely<EdgeDatabase>;
  property: string;
  device: string;
  logger: Logger;
  now: () => Date;
}

/**
 * Keeps the edge's copy of the in-house roster: central's retained snapshot (on every connect)
 * and its deltas. Invalid payloads are dropped with a logged reason; stored rows change only in
 * one transaction per message.
 */
export class RosterSync {
  readonly #o: RosterSyncOptions;
  readonly #snapshotTopic: string;
  readonly #deltaTopic: string;
  #chain: Promise<unknown> = Promise.resolve();
  readonly #onMessage = (topic: string, payload: Buffer) => {
    if (topic === this.#snapshotTopic) this.#apply('snapshot', payload);
    else if (topic === this.#deltaTopic) this.#apply('delta', payload);
  };

  constructor(options: RosterSyncOptions) {
    this.#o = options;
    this.#snapshotTopic = topicFor('roster', options.property, options.device);
    this.#deltaTopic = topicFor('rosterDelta', options.property, options.device);
  }

  start(): void {
    this.#o.client.on('message', this.#onMessage);
    void this.#o.client
      .subscribeAsync([this.#snapshotTopic, this.#deltaTopic], { qos: 1 })
      .catch((err: unknown) => this.#o.logger.warn({ err }, 'roster subscription pending'));
  }

  async stop(): Promise<void> {
    this.#o.client.off('message', this.#onMessage);
    await this.#chain.catch(() => {});
  }

  #apply(kind: 'snapshot' | 'delta', payload: Buffer): void {
    if (payload.length === 0) return; // a retained message being cleared
    const work = async () => {
      const at = this.#o.now().toISOString();
      if (kind === 'snapshot') {
        const decoded = decodePayload(rosterSnapshot, payload);
        if (!decoded.ok) return this.#o.logger.warn({ reason: decoded.reason }, 'roster snapshot dropped');
        await applySnapshot(this.#o.db, decoded.value, at);
      } else {
        const decoded = decodePayload(rosterDelta, payload);
        if (!decoded.ok) return this.#o.logger.warn({ reason: decoded.reason }, 'roster delta dropped');
        await applyDelta(this.#o.db, decoded.value, at);
      }
    };
    this.#chain = this.#chain
      .then(work)
      .catch((err: unknown) => this.#o.logger.error({ err }, `roster ${kind} not stored`));
  }
}
