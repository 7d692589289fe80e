/**
 * What central's consumers of MQTT use of a client, and nothing more: listen to messages, subscribe,
 * publish (QoS, retained), end. Both mqtt.js's `MqttClient` (an external broker: Mosquitto, workers on
 * `$share/…` subscriptions) and the in-process client on the embedded aedes
 * (`sync/src/broker/in-process-client.ts`) satisfy it, so the inbox, RPC server, status re-sender,
 * fleet monitor and publishers run unchanged on either.
 */
export type ServiceQos = 0 | 1 | 2;

export interface ServicePublishOptions {
  qos?: ServiceQos;
  retain?: boolean;
}

/** A received message: its topic and payload (mqtt.js passes the packet as a third argument). */
export type ServiceMessageListener = (topic: string, payload: Buffer) => void;

export interface ServiceMqttClient {
  /** True while the client can publish and receives what it subscribed to. */
  readonly connected: boolean;
  on(event: 'message', listener: ServiceMessageListener): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  off(event: 'message', listener: ServiceMessageListener): unknown;
  off(event: 'connect', listener: () => void): unknown;
  off(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'message', listener: ServiceMessageListener): unknown;
  once(event: 'connect', listener: () => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
  subscribeAsync(topic: string | string[], options: { qos: ServiceQos }): Promise<unknown>;
  unsubscribeAsync(topic: string | string[]): Promise<unknown>;
  /** Resolves once the broker has taken the message (QoS 1: handed on and queued for offline sessions). */
  publishAsync(topic: string, message: string | Buffer, options?: ServicePublishOptions): Promise<unknown>;
  /** Fire and forget; a failure is reported on 'error'. */
  publish(topic: string, message: string | Buffer, options?: ServicePublishOptions): unknown;
  /** Stops receiving and publishing. `force`: do not wait for messages in flight (mqtt.js). */
  endAsync(force?: boolean): Promise<void>;
}
