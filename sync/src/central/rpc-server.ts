import {
  decodePayload,
  type ErrorBody,
  parseTopic,
  type RpcRequest,
  type RpcResponse,
  type RpcResult,
  rpcRequest,
  subscriptionFilter,
  topicFor,
  wildcardFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';
import type { ServiceMqttClient } from '../mqtt/service-client.js';

export type RpcHandler = (request: RpcRequest, device: string) => Promise<RpcResult>;

/** Maps a thrown error to the wire; anything without a contract code is INTERNAL (logged, not leaked). */
export type ErrorMapper = (err: unknown) => ErrorBody;

export interface RpcServerOptions {
  /** Subscribe as this MQTT shared-subscription group: each message goes to one of the central workers. */
  shareGroup?: string;
  client: ServiceMqttClient;
  property: string;
  handler: RpcHandler;
  toErrorBody: ErrorMapper;
  logger: Logger;
}

/** Central's side of request/response: answers every device's requests on that device's own topic. */
export class RpcServer {
  readonly #o: RpcServerOptions;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);

  constructor(options: RpcServerOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    this.#o.client.on('message', this.#onMessage);
    await this.#o.client.subscribeAsync(
      subscriptionFilter(wildcardFor('rpcRequest', this.#o.property), this.#o.shareGroup),
      { qos: 1 },
    );
  }

  stop(): void {
    this.#o.client.off('message', this.#onMessage);
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'rpcRequest' || parsed.property !== this.#o.property) return;
    const decoded = decodePayload(rpcRequest, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed rpc request');
      return;
    }
    const request = decoded.value;
    let response: RpcResponse;
    try {
      response = { v: 1, id: request.id, ok: true, result: await this.#o.handler(request, parsed.device) };
    } catch (err) {
      response = { v: 1, id: request.id, ok: false, error: this.#o.toErrorBody(err) };
    }
    const answerTopic = topicFor('rpcResponse', this.#o.property, parsed.device);
    this.#o.client.publish(answerTopic, JSON.stringify(response), { qos: 1 });
  }
}
