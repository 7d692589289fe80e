import type { Duplex } from 'node:stream';

/** Default largest MQTT packet the embedded broker takes from a device: far above any charge or RPC. */
export const DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;

/**
 * Watches the bytes a broker reads from one connection and reads each MQTT fixed header (type byte
 * plus the variable-length "remaining length"). A packet that announces more than `limit()` bytes
 * closes the connection before its body is read, so it is never buffered (MQTT 3.1.1 has no way to
 * refuse one packet: Mosquitto's `max_packet_size` disconnects the same way).
 *
 * Call after the broker has attached its `readable` listener: a `data` listener then sees every
 * chunk as the broker reads it, without switching the socket to flowing mode.
 */
export function guardPacketSize(
  conn: Duplex,
  limit: () => number,
  onOversize: (bytes: number) => void,
): void {
  let state: 'type' | 'length' | 'body' = 'type';
  let length = 0;
  let multiplier = 1;
  let lengthBytes = 0;
  let remaining = 0;
  let stopped = false;
  const refuse = (bytes: number) => {
    stopped = true;
    conn.off('data', onData);
    onOversize(bytes);
    conn.destroy();
  };
  const onData = (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length && !stopped) {
      if (state === 'type') {
        i += 1;
        state = 'length';
        length = 0;
        multiplier = 1;
        lengthBytes = 0;
      } else if (state === 'length') {
        const byte = chunk[i] as number;
        i += 1;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        lengthBytes += 1;
        if (byte & 0x80) {
          // More than four length bytes is malformed; the MQTT parser refuses it.
          if (lengthBytes >= 4) stopped = true;
          continue;
        }
        const total = 1 + lengthBytes + length;
        if (total > limit()) {
          refuse(total);
          return;
        }
        remaining = length;
        state = remaining > 0 ? 'body' : 'type';
      } else {
        const take = Math.min(remaining, chunk.length - i);
        i += take;
        remaining -= take;
        if (remaining === 0) state = 'type';
      }
    }
  };
  conn.on('data', onData);
}
