// A FiasLink + FiasClient on one end of an in-memory pipe, with the test playing the IFC on the other.
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { plainChannel } from '../../../../central/src/pms/fias/fias-channel.js';
import { FiasClient } from '../../../../central/src/pms/fias/fias-client.js';
import { type FiasRecord, parseRecord } from '../../../../central/src/pms/fias/fias-codec.js';
import { FiasLink, type LinkTimers } from '../../../../central/src/pms/fias/fias-link.js';
import { LINK_RECORDS } from '../../../../central/src/pms/fias/fias-records.js';
import { recordingLogger } from '../../../support/recording-logger.js';
import { memoryPair } from './memory-stream.js';

export const TIMERS: LinkTimers = {
  startupListenMs: 1_000,
  linkStartTimeoutMs: 2_000,
  aliveIntervalMs: 60_000,
  aliveTimeoutMs: 200,
  reconnectInitialMs: 60_000,
  reconnectMaxMs: 60_000,
};

export function rec(text: string): FiasRecord {
  const r = parseRecord(text);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

export async function testLink(
  opts: { timers?: Partial<LinkTimers>; firstSequence?: number; postingMs?: number } = {},
) {
  const [vendorEnd, ifcEnd] = memoryPair();
  const logger = recordingLogger();
  const clock = { now: () => new Date('2026-01-27T20:00:00Z') };
  let opened = false;
  const link = new FiasLink({
    openChannel: async () => {
      if (opened) throw new Error('the in-memory pipe opens once');
      opened = true;
      return plainChannel(vendorEnd, { lrc: false, encoding: 'latin1', logger });
    },
    description: [
      ['V#', '1.0'],
      ['IF', 'PO'],
    ],
    linkRecords: LINK_RECORDS,
    timers: { ...TIMERS, ...opts.timers },
    clock,
    timeZone: 'UTC',
    logger,
  });
  const client = new FiasClient({
    link,
    timeouts: { answerMs: 300, postingMs: opts.postingMs ?? 300, linkWaitMs: 1_000 },
    clock,
    timeZone: 'UTC',
    logger,
    ...(opts.firstSequence ? { firstSequence: opts.firstSequence } : {}),
  });
  const ifc = plainChannel(ifcEnd, { lrc: false, encoding: 'latin1', logger: recordingLogger() });
  const inbox: FiasRecord[] = [];
  const waiters: Array<() => void> = [];
  ifc.onRecord((r) => {
    inbox.push(r);
    for (const w of waiters.splice(0)) w();
  });
  /** The next record the vendor sent to the IFC. */
  const next = async (): Promise<FiasRecord> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return inbox.shift()!;
  };
  const send = (text: string) => ifc.send(rec(text));
  link.start();
  return {
    link,
    client,
    logger,
    next,
    inbox,
    send,
    /** Every chunk of bytes the vendor side wrote, in order (to prove what went out before what). */
    vendorWritten: vendorEnd.written,
    cut: () => ifcEnd.destroy(),
    /** Plays the IFC's side of the link start: LS, then read LD, LRs, LA, then answer LA. */
    async start(): Promise<FiasRecord[]> {
      await send('LS|DA260127|TI200000|');
      const seen: FiasRecord[] = [];
      for (;;) {
        const r = await next();
        seen.push(r);
        if (r.type === 'LA') break;
      }
      await send('LA|DA260127|TI200000|');
      await link.waitAlive(1_000);
      return seen;
    },
    async close() {
      client.abort('test over');
      await link.stop();
    },
  };
}

export async function rejection(work: Promise<unknown>): Promise<PmsError> {
  const err = await work.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!(err instanceof PmsError)) throw err;
  return err;
}
