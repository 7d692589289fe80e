import type { KioskEvents } from '@roompost/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KioskEventBus } from '../events/event-bus.js';

const KINDS = ['tap', 'charge', 'connection', 'device', 'door'] as const satisfies ReadonlyArray<
  keyof KioskEvents
>;

/** Streams kiosk events as server-sent events until the browser goes away. */
export function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  bus: KioskEventBus,
  initial: Partial<KioskEvents>,
  devices: ReadonlyArray<KioskEvents['device']> = [],
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.write('retry: 2000\n\n');
  for (const [event, data] of Object.entries(initial)) send(event, data);
  for (const device of devices) send('device', device);
  const unsubscribe = KINDS.map((kind) => bus.on(kind, (data) => send(kind, data)));
  // A comment line every 15 s keeps proxies and the browser from timing the stream out.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    for (const off of unsubscribe) off();
  });
}
