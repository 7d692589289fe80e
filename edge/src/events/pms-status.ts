import { decodePayload, type Logger, pmsStatusMessage, topicFor } from '@roompost/sync';
import type { MqttClient } from 'mqtt';
import type { KioskEventBus } from './event-bus.js';

/**
 * Central's retained word on its link to the PMS (`pms-status`), passed to every kiosk screen as a
 * `connection` event, so the header turns amber during a PMS outage before this outlet's own
 * charges fail. An invalid payload is dropped with a logged reason.
 */
export function watchPmsStatus(o: {
  client: MqttClient;
  property: string;
  device: string;
  events: KioskEventBus;
  logger: Logger;
}): { current(): 'ok' | 'trouble' | null; stop(): void } {
  const topic = topicFor('pmsStatus', o.property, o.device);
  let current: 'ok' | 'trouble' | null = null;
  const onMessage = (from: string, payload: Buffer) => {
    if (from !== topic) return;
    const decoded = decodePayload(pmsStatusMessage, payload);
    if (!decoded.ok) {
      o.logger.warn({ topic, reason: decoded.reason }, 'pms status dropped');
      return;
    }
    current = decoded.value.pms;
    o.events.emit('connection', { central: o.client.connected ? 'online' : 'offline', pms: current });
  };
  o.client.on('message', onMessage);
  void o.client
    .subscribeAsync(topic, { qos: 1 })
    .catch((err: unknown) => o.logger.warn({ err }, 'pms-status subscription pending'));
  return {
    current: () => current,
    stop: () => void o.client.off('message', onMessage),
  };
}
