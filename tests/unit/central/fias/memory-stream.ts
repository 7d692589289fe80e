// Two ByteStreams joined back to back, in memory: what one writes the other reads (asynchronously,
// like a socket). `cut()` closes both ends.
import type { ByteStream } from '../../../../central/src/pms/fias/fias-channel.js';

export function memoryPair(): [ByteStream & { written: Buffer[] }, ByteStream & { written: Buffer[] }] {
  const make = () => {
    const data: Array<(b: Buffer) => void> = [];
    const close: Array<() => void> = [];
    return { data, close, written: [] as Buffer[], closed: false };
  };
  const a = make();
  const b = make();
  const cut = () => {
    for (const side of [a, b]) {
      if (side.closed) continue;
      side.closed = true;
      for (const cb of side.close) setImmediate(cb);
    }
  };
  const end = (self: ReturnType<typeof make>, peer: ReturnType<typeof make>) => ({
    written: self.written,
    async write(bytes: Buffer) {
      if (self.closed) throw new Error('closed');
      self.written.push(bytes);
      setImmediate(() => {
        if (!peer.closed) for (const cb of peer.data) cb(bytes);
      });
    },
    onData: (cb: (b: Buffer) => void) => void self.data.push(cb),
    onClose: (cb: () => void) => void self.close.push(cb),
    destroy: cut,
  });
  return [end(a, b), end(b, a)];
}

/** Polls until `cond` holds (fails after `ms`): timing-independent waits for tests under load. */
export async function until(cond: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
