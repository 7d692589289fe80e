import { randomUUID } from 'node:crypto';
import { connectService, type Logger, type MqttClient } from '@roompost/sync';

// Mosquitto 2's dynamic-security plugin, administered over MQTT: JSON commands published to
// `$CONTROL/dynamic-security/v1`, answers on `…/v1/response` matched by `correlationData`
// (eclipse/mosquitto plugins/dynamic-security/README.md).
const CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';
const RESPONSE_TOPIC = '$CONTROL/dynamic-security/v1/response';

export type BrokerAccessCode =
  /** The broker answered CONNACK "bad user name or password" / "not authorized" to the admin account. */
  | 'BROKER_ADMIN_REFUSED'
  /** No answer in time: broker down, or the plugin not loaded (nothing answers on `$CONTROL`). */
  | 'BROKER_UNAVAILABLE'
  /** The plugin answered a command with an error. */
  | 'BROKER_COMMAND_FAILED';

export class BrokerAccessError extends Error {
  readonly code: BrokerAccessCode;
  constructor(code: BrokerAccessCode, message: string) {
    super(message);
    this.name = 'BrokerAccessError';
    this.code = code;
  }
}

export interface DynsecCommand {
  command: string;
  [field: string]: unknown;
}

export interface DynsecAnswer {
  command: string;
  error?: string;
  data?: Record<string, unknown>;
}

export interface DynsecOptions {
  url: string;
  username: string;
  password: string;
  clientId: string;
  /** How long one command may take (ms). */
  timeoutMs: number;
  logger: Logger;
  ca?: string;
}

/** An admin connection to the dynamic-security plugin: one command at a time in, its answer out. */
export class MosquittoDynsec {
  readonly #client: MqttClient;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, (answer: DynsecAnswer) => void>();

  private constructor(client: MqttClient, timeoutMs: number) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    client.on('message', (topic, payload) => {
      if (topic !== RESPONSE_TOPIC) return;
      let body: { responses?: Array<DynsecAnswer & { correlationData?: string }> };
      try {
        body = JSON.parse(payload.toString('utf8'));
      } catch {
        return;
      }
      for (const answer of body.responses ?? []) {
        const id = answer.correlationData;
        const resolve = id === undefined ? undefined : this.#pending.get(id);
        if (resolve) {
          this.#pending.delete(id as string);
          resolve(answer);
        }
      }
    });
  }

  /** Connects as the admin; refuses with a coded error when the broker says no or is not there. */
  static async connect(o: DynsecOptions): Promise<MosquittoDynsec> {
    const client = connectService({
      url: o.url,
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      clean: true,
      ...(o.ca ? { ca: o.ca } : {}),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new BrokerAccessError(
                'BROKER_UNAVAILABLE',
                `no MQTT broker answered at ${o.url} in ${o.timeoutMs} ms`,
              ),
            ),
          o.timeoutMs,
        );
        client.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        client.on('error', (err: Error & { code?: number }) => {
          // CONNACK 4 (bad user name or password) or 5 (not authorized).
          if (err.code === 4 || err.code === 5) {
            clearTimeout(timer);
            reject(
              new BrokerAccessError(
                'BROKER_ADMIN_REFUSED',
                `the broker at ${o.url} refused the admin account "${o.username}" (broker.admin)`,
              ),
            );
          }
        });
      });
      // mqtt.js rejects a SUBACK refusal (0x80): this account may not read the plugin's answers.
      await client.subscribeAsync(RESPONSE_TOPIC, { qos: 1 }).catch(() => {
        throw new BrokerAccessError(
          'BROKER_ADMIN_REFUSED',
          `the account "${o.username}" may not use ${CONTROL_TOPIC} (give it the dynsec admin role)`,
        );
      });
    } catch (err) {
      client.end(true);
      throw err;
    }
    client.on('error', (err) => o.logger.warn({ err: err.message }, 'broker admin connection error'));
    const dynsec = new MosquittoDynsec(client, o.timeoutMs);
    // Is the plugin there at all? A broker without it never answers on $CONTROL.
    await dynsec.run({ command: 'getDefaultACLAccess' }).catch((err: unknown) => {
      client.end(true);
      throw err instanceof BrokerAccessError && err.code === 'BROKER_UNAVAILABLE'
        ? new BrokerAccessError(
            'BROKER_UNAVAILABLE',
            `the broker at ${o.url} did not answer on ${CONTROL_TOPIC}: is the dynamic-security plugin loaded?`,
          )
        : err;
    });
    return dynsec;
  }

  /** Sends one command; resolves with the plugin's answer (which may carry `error`). */
  async run(command: DynsecCommand): Promise<DynsecAnswer> {
    // Never queued for later: a stale command replayed on reconnect could undo a newer one.
    if (!this.#client.connected) {
      throw new BrokerAccessError('BROKER_UNAVAILABLE', `not connected to the broker for ${command.command}`);
    }
    const id = randomUUID();
    const answered = new Promise<DynsecAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new BrokerAccessError(
            'BROKER_UNAVAILABLE',
            `the broker did not answer ${command.command} in ${this.#timeoutMs} ms`,
          ),
        );
      }, this.#timeoutMs);
      this.#pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
    this.#client.publish(CONTROL_TOPIC, JSON.stringify({ commands: [{ ...command, correlationData: id }] }), {
      qos: 1,
    });
    return answered;
  }

  /** Sends one command and insists it succeeded (or failed only with one of `tolerated`). */
  async expect(command: DynsecCommand, tolerated: readonly string[] = []): Promise<DynsecAnswer> {
    const answer = await this.run(command);
    if (answer.error !== undefined && !tolerated.includes(answer.error)) {
      throw new BrokerAccessError('BROKER_COMMAND_FAILED', `${command.command}: ${answer.error}`);
    }
    return answer;
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }
}
