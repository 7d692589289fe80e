import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import {
  type ChargeMessage,
  type ChargeStatusesAnswer,
  type ChargeStatusMessage,
  decodePayload,
  type ErrorBody,
  type OutletCatalog,
  type RoomLookup,
  type RpcRequest,
  type RpcResult,
  rpcResponse,
  type StaffProofAnswer,
  type StaffRosterAnswer,
  topicFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';

/** A request that got an error answer, or none in time. `code` is the contract's error code. */
export class RpcError extends Error {
  readonly code: ErrorBody['code'];
  readonly context: Record<string, unknown>;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.context = body.context ?? {};
  }
}

interface Pending {
  resolve(result: RpcResult): void;
  reject(err: RpcError): void;
  timer: NodeJS.Timeout;
}

export interface RpcClientOptions {
  client: MqttClient;
  property: string;
  device: string;
  logger: Logger;
  timeoutMs?: number;
}

/**
 * Request/response over MQTT 3.1.1: the correlation id travels in the payload (no MQTT 5 response
 * topics on aedes). A request while disconnected, or without an answer in time, fails at once with
 * CONNECTION_FAILED so the kiosk can offer the seed's choices instead of hanging.
 */
export class RpcClient {
  readonly #o: Required<RpcClientOptions>;
  readonly #pending = new Map<string, Pending>();
  readonly #responseTopic: string;
  readonly #onMessage = (topic: string, payload: Buffer) => this.#handle(topic, payload);

  constructor(options: RpcClientOptions) {
    this.#o = { timeoutMs: 3000, ...options };
    this.#responseTopic = topicFor('rpcResponse', options.property, options.device);
  }

  async start(): Promise<void> {
    this.#o.client.on('message', this.#onMessage);
    await this.#o.client.subscribeAsync(this.#responseTopic, { qos: 1 });
  }

  stop(): void {
    this.#o.client.off('message', this.#onMessage);
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new RpcError({ code: 'CONNECTION_FAILED', message: 'edge is shutting down' }));
      this.#pending.delete(id);
    }
  }

  /**
   * A room's stay. A self-service outlet sends the last name the guest typed (central answers only
   * on a match, with the guest view); a staff outlet sends the signed-in staff member's proof.
   */
  lookupRoom(
    roomNumber: string,
    timeoutMs?: number,
    as: { lastName?: string | undefined; proof?: string | null | undefined } = {},
  ): Promise<RoomLookup> {
    const params = {
      roomNumber,
      ...(as.lastName ? { lastName: as.lastName } : {}),
      ...(as.proof ? { proof: as.proof } : {}),
    };
    return this.#call({ v: 1, id: randomUUID(), method: 'lookupRoom', params }, timeoutMs).then(asLookup);
  }

  lookupCredential(uid: string, timeoutMs?: number): Promise<RoomLookup> {
    return this.#call(
      { v: 1, id: randomUUID(), method: 'lookupCredential', params: { uid } },
      timeoutMs,
    ).then(asLookup);
  }

  /** Asks central to post a waiting charge now (seed 000 Retry); answers with where it stands after. */
  retryPosting(chargeId: string, actor: string, note: string | null = null): Promise<ChargeStatusMessage> {
    return this.#call(
      { v: 1, id: randomUUID(), method: 'retryPosting', params: { chargeId, actor, note } },
      // A retry posts to the PMS before answering: allow for a slow PMS.
      Math.max(this.#o.timeoutMs, 15_000),
    ).then((result) => {
      if ('chargeId' in result) return result;
      throw new RpcError({ code: 'INTERNAL', message: 'central answered a retry with a room lookup' });
    });
  }

  /**
   * The outlet collected another tender: central withdraws the charge (after a running attempt's
   * outcome) and answers `withdrawn`, or ALREADY_POSTED. Allows for a slow PMS attempt to finish.
   */
  withdrawCharge(params: {
    withdrawalId: string;
    chargeId: string;
    actor: string;
    reason: string;
    charge: ChargeMessage;
  }): Promise<ChargeStatusMessage> {
    return this.#call(
      { v: 1, id: randomUUID(), method: 'withdrawCharge', params },
      Math.max(this.#o.timeoutMs, 20_000),
    ).then((result) => {
      if ('chargeId' in result) return result;
      throw new RpcError({ code: 'INTERNAL', message: 'central answered a withdrawal with something else' });
    });
  }

  /** A manager voids a posted charge; central reverses it in the PMS before answering its new status. */
  voidCharge(
    chargeId: string,
    actor: string,
    reason: string,
    proof: string | null = null,
  ): Promise<ChargeStatusMessage> {
    return this.#call(
      { v: 1, id: randomUUID(), method: 'voidCharge', params: { chargeId, actor, reason, proof } },
      Math.max(this.#o.timeoutMs, 15_000),
    ).then((result) => {
      if ('chargeId' in result) return result;
      throw new RpcError({ code: 'INTERNAL', message: 'central answered a void with a room lookup' });
    });
  }

  /** The outlet staff roster (staff outlets only): ids, names, roles and slow PIN hashes. */
  staffRoster(timeoutMs?: number): Promise<StaffRosterAnswer> {
    return this.#call({ v: 1, id: randomUUID(), method: 'staffRoster', params: {} }, timeoutMs).then((r) => {
      if ('staff' in r) return r;
      throw new RpcError({
        code: 'INTERNAL',
        message: 'central answered a roster request with something else',
      });
    });
  }

  /** Central checks the PIN itself and answers a signed staff proof for this device. */
  staffProof(staffId: string, pin: string, timeoutMs?: number, badge?: string): Promise<StaffProofAnswer> {
    return this.#call(
      {
        v: 1,
        id: randomUUID(),
        method: 'staffProof',
        params: { staffId, pin, ...(badge ? { badge: badge.toUpperCase() } : {}) },
      },
      timeoutMs,
    ).then((r) => {
      if ('proof' in r) return r;
      throw new RpcError({ code: 'INTERNAL', message: 'central answered a staff proof with something else' });
    });
  }

  /** This outlet's item master as central holds it (central knows the outlet from the device). */
  catalog(timeoutMs?: number): Promise<OutletCatalog> {
    return this.#call({ v: 1, id: randomUUID(), method: 'catalog', params: {} }, timeoutMs).then((result) => {
      if ('templates' in result) return result;
      throw new RpcError({
        code: 'INTERNAL',
        message: 'central answered a catalog request with something else',
      });
    });
  }

  /** Where these charges of this device stand at central (at most CHARGE_STATUSES_MAX ids). */
  chargeStatuses(chargeIds: string[], timeoutMs?: number): Promise<ChargeStatusesAnswer> {
    return this.#call(
      { v: 1, id: randomUUID(), method: 'chargeStatuses', params: { chargeIds } },
      timeoutMs,
    ).then((r) => {
      if ('statuses' in r) return r;
      throw new RpcError({
        code: 'INTERNAL',
        message: 'central answered a charge status request with something else',
      });
    });
  }

  #call(request: RpcRequest, timeoutMs = this.#o.timeoutMs): Promise<RpcResult> {
    const { client, property, device } = this.#o;
    if (!client.connected) {
      return Promise.reject(new RpcError({ code: 'CONNECTION_FAILED', message: 'not connected to central' }));
    }
    return new Promise<RpcResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(request.id);
        reject(
          new RpcError({
            code: 'CONNECTION_FAILED',
            message: `central did not answer ${request.method} within ${timeoutMs} ms`,
          }),
        );
      }, timeoutMs);
      this.#pending.set(request.id, { resolve, reject, timer });
      client.publish(topicFor('rpcRequest', property, device), JSON.stringify(request), { qos: 1 }, (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.#pending.delete(request.id);
        reject(
          new RpcError({ code: 'CONNECTION_FAILED', message: `could not send request: ${err.message}` }),
        );
      });
    });
  }

  #handle(topic: string, payload: Buffer): void {
    if (topic !== this.#responseTopic) return;
    const decoded = decodePayload(rpcResponse, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed rpc response');
      return;
    }
    const response = decoded.value;
    const pending = this.#pending.get(response.id);
    if (!pending) return; // answered after its timeout; the caller has moved on
    this.#pending.delete(response.id);
    clearTimeout(pending.timer);
    if (response.ok) pending.resolve(response.result);
    else pending.reject(new RpcError(response.error));
  }
}

function asLookup(result: RpcResult): RoomLookup {
  if ('roomNumber' in result) return result;
  throw new RpcError({ code: 'INTERNAL', message: 'central answered a lookup with a charge status' });
}
