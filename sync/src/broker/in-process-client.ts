import { EventEmitter } from 'node:events';
import type { Aedes, AedesPublishPacket, PublishPacket } from 'aedes';
import type { ServiceMqttClient, ServicePublishOptions, ServiceQos } from '../mqtt/service-client.js';

/** A call the in-process client cannot carry out; `code` says why. */
export class InProcessClientError extends Error {
  readonly code: 'MQTT_CLIENT_CLOSED' | 'MQTT_TOPIC_INVALID';
  constructor(code: InProcessClientError['code'], message: string) {
    super(message);
    this.name = 'InProcessClientError';
    this.code = code;
  }
}

type Deliver = (packet: AedesPublishPacket, done: () => void) => void;

interface Subscription {
  readonly qos: ServiceQos;
  readonly deliver: Deliver;
}

/** What aedes' persistence offers for retained messages (not in aedes' own types). */
interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string; payload: Buffer | string }>;
}

/** The packet passed as the third argument of 'message', as mqtt.js does. */
export interface InProcessMessage {
  cmd: 'publish';
  topic: string;
  payload: Buffer;
  qos: ServiceQos;
  retain: boolean;
  dup: false;
}

/**
 * Central's own client on its embedded aedes, in the same process: no socket, no MQTT encoding.
 * A subscription is a listener on aedes' message router (`broker.subscribe`), so a device's message
 * reaches central's handlers as the Buffer aedes parsed, matched by aedes' own wildcard rules; a
 * publish is `broker.publish`, so retained messages are stored, QoS 1 messages are queued for devices
 * whose persistent session is offline, and wildcard filters starting with `+`/`#` never see `$SYS`
 * topics, exactly as for a network client. It signs in as no one: the authorisation hooks are for
 * network clients (a device only under its own prefix); central's own publishes need none.
 *
 * Timing (aedes 1.x): a device's QoS 1 PUBLISH is PUBACKed by aedes before it is routed, as with a
 * network subscriber; `publishAsync` resolves once aedes has stored a retained message, queued a QoS 1
 * message for offline sessions and handed it to every online subscriber's connection.
 * Handlers run synchronously inside aedes' routing; `deliver` always answers aedes, on a later turn
 * (a burst would otherwise recurse through mqemitter's queue), also when a handler throws (the error
 * is raised on 'error', as a throwing mqtt.js handler would be).
 */
export class InProcessMqttClient extends EventEmitter implements ServiceMqttClient {
  readonly #broker: Aedes;
  readonly #retained: RetainedStore;
  readonly #subscriptions = new Map<string, Subscription>();
  /** Messages already handed over: a message matching two of our filters is delivered once. */
  readonly #delivered = new WeakSet<object>();
  readonly #onEnd: () => void;
  readonly #brokerClosed = () => this.#end();
  #connected = true;

  /** `onEnd`: called once when the client ends (endAsync, or the broker closing). */
  constructor(broker: Aedes, onEnd: () => void = () => {}) {
    super();
    this.#broker = broker;
    this.#retained = (broker as unknown as { persistence: RetainedStore }).persistence;
    this.#onEnd = onEnd;
    broker.once('closed', this.#brokerClosed);
    // As mqtt.js: consumers may wait for 'connect'; an in-process client is connected from the start.
    process.nextTick(() => {
      if (this.#connected) this.emit('connect');
    });
  }

  get connected(): boolean {
    return this.#connected;
  }

  async subscribeAsync(
    topic: string | string[],
    options: { qos: ServiceQos },
  ): Promise<Array<{ topic: string; qos: ServiceQos }>> {
    const filters = typeof topic === 'string' ? [topic] : topic;
    this.#open('subscribe');
    for (const filter of filters) {
      const problem = filterProblem(filter);
      if (problem)
        throw new InProcessClientError('MQTT_TOPIC_INVALID', `cannot subscribe to ${filter}: ${problem}`);
    }
    const added: Array<Promise<void>> = [];
    for (const filter of filters) {
      const current = this.#subscriptions.get(filter);
      if (current?.qos === options.qos) continue;
      if (current) this.#broker.unsubscribe(filter, current.deliver, () => {});
      const sub = this.#subscription(filter, options.qos);
      this.#subscriptions.set(filter, sub);
      added.push(
        new Promise<void>((resolve, reject) =>
          (this.#broker.subscribe as (t: string, d: Deliver, done: (err?: Error) => void) => void)(
            filter,
            sub.deliver,
            (err) => (err ? reject(err) : resolve()),
          ),
        ),
      );
    }
    await Promise.all(added);
    await this.#deliverRetained(filters, options.qos);
    return filters.map((f) => ({ topic: f, qos: options.qos }));
  }

  async unsubscribeAsync(topic: string | string[]): Promise<void> {
    const filters = typeof topic === 'string' ? [topic] : topic;
    await Promise.all(filters.map((f) => this.#unsubscribe(f)));
  }

  publishAsync(topic: string, message: string | Buffer, options: ServicePublishOptions = {}): Promise<void> {
    if (!this.#connected) {
      return Promise.reject(
        new InProcessClientError('MQTT_CLIENT_CLOSED', `cannot publish to ${topic}: client ended`),
      );
    }
    if (topic.length === 0 || topic.includes('+') || topic.includes('#')) {
      return Promise.reject(
        new InProcessClientError(
          'MQTT_TOPIC_INVALID',
          `cannot publish to ${topic || '(empty topic)'}: not a topic name`,
        ),
      );
    }
    const packet: PublishPacket = {
      cmd: 'publish',
      topic,
      payload: typeof message === 'string' ? Buffer.from(message) : message,
      qos: options.qos ?? 0,
      retain: options.retain ?? false,
      dup: false,
    };
    return new Promise((resolve, reject) =>
      this.#broker.publish(packet, (err) => (err ? reject(err) : resolve())),
    );
  }

  publish(topic: string, message: string | Buffer, options?: ServicePublishOptions): this {
    this.publishAsync(topic, message, options).catch((err: unknown) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
    });
    return this;
  }

  async endAsync(_force?: boolean): Promise<void> {
    if (!this.#connected) return;
    const filters = [...this.#subscriptions.keys()];
    this.#end();
    await Promise.all(filters.map((f) => this.#unsubscribe(f)));
  }

  #end(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#broker.off('closed', this.#brokerClosed);
    this.#onEnd();
  }

  #open(what: string): void {
    if (!this.#connected)
      throw new InProcessClientError('MQTT_CLIENT_CLOSED', `cannot ${what}: client ended`);
  }

  #unsubscribe(filter: string): Promise<void> {
    const sub = this.#subscriptions.get(filter);
    if (!sub) return Promise.resolve();
    // Gone at once: `deliver` checks it is still the filter's subscription (aedes removes it a tick later).
    this.#subscriptions.delete(filter);
    return new Promise((resolve) => this.#broker.unsubscribe(filter, sub.deliver, () => resolve()));
  }

  #subscription(filter: string, qos: ServiceQos): Subscription {
    // [MQTT-4.7.2-1]: a filter starting with a wildcard does not match topics starting with `$`.
    const skipDollar = filter.startsWith('+') || filter.startsWith('#');
    const sub: Subscription = {
      qos,
      deliver: (packet, done) => {
        if (
          this.#subscriptions.get(filter) !== sub ||
          (skipDollar && packet.topic.charCodeAt(0) === 36) ||
          this.#delivered.has(packet)
        ) {
          setImmediate(done);
          return;
        }
        this.#delivered.add(packet);
        this.#emitMessage(packet.topic, packet.payload, Math.min(packet.qos, qos) as ServiceQos, false);
        // Answered on a later turn, as aedes' own deliver does: answering at once lets mqemitter start
        // the next queued message from inside this call, one stack frame deeper per message of a burst.
        setImmediate(done);
      },
    };
    return sub;
  }

  /** As a SUBSCRIBE does: the retained messages matching the filters, each once, flagged retained. */
  async #deliverRetained(filters: string[], qos: ServiceQos): Promise<void> {
    const seen = new Set<string>();
    const skipDollar = filters.every((f) => f.startsWith('+') || f.startsWith('#'));
    for await (const packet of this.#retained.createRetainedStreamCombi(filters)) {
      if (seen.has(packet.topic) || (skipDollar && packet.topic.startsWith('$'))) continue;
      seen.add(packet.topic);
      if (!this.#connected) return;
      this.#emitMessage(packet.topic, packet.payload, qos, true);
    }
  }

  #emitMessage(topic: string, payload: Buffer | string, qos: ServiceQos, retain: boolean): void {
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const packet: InProcessMessage = { cmd: 'publish', topic, payload: body, qos, retain, dup: false };
    try {
      this.emit('message', topic, body, packet);
    } catch (err) {
      // Raised outside aedes' routing, which must carry on for the other subscribers.
      process.nextTick(() => this.emit('error', err));
    }
  }
}

/** Why a topic filter is not one (MQTT 3.1.1 §4.7.1), or undefined; shared subscriptions are an external broker's. */
function filterProblem(filter: string): string | undefined {
  if (filter.length === 0) return 'empty filter';
  if (filter.startsWith('$share/')) return 'shared subscriptions need an external broker';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1))
      return '# must be the last level alone';
    if (level.includes('+') && level !== '+') return '+ must be a level alone';
  }
  return undefined;
}
