import type { Logger } from '@roompost/sync';
import type { MqttClient } from 'mqtt';

/**
 * Re-reads the device's MQTT credentials before every reconnect, so a secret that
 * `roompost-edge rotate-credentials` wrote to enrollment.json is used without a restart: central
 * cuts the session under the old secret when the new one is issued, and the next attempt carries
 * the new one. A file that cannot be read keeps what the client has (and says so).
 */
export function refreshCredentialsOnReconnect(
  client: MqttClient,
  read: () => { username: string; password: string },
  logger: Logger,
): void {
  client.on('reconnect', () => {
    try {
      const { username, password } = read();
      if (client.options.password !== password || client.options.username !== username) {
        logger.info({ username }, 'reconnecting with rotated credentials');
      }
      client.options.username = username;
      client.options.password = password;
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'cannot re-read the enrollment; keeping the current credentials',
      );
    }
  });
}
