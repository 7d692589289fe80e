// The PC/SC card reader on the real stack: pcscd + vsmartcard-vpcd + a pure-Node virtual card,
// driven through PcscCardReader (the `smartcard` module). Runs the CardReader contract, then the
// things only a real stack shows: block read, garbage answers, error status words, pcscd going away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CardEvent, type DeviceHealth, PcscCardReader, type PcscTrace } from '@roompost/drivers';
import { type CardReaderHarness, runCardReaderContract } from '../unit/drivers/card-reader.contract.js';
import { recordingLogger } from '../unit/drivers/recording-logger.js';
import { lockPcscStack, type Pcscd, pcscUnavailable, sleep, startPcscd } from './support/pcscd.js';
import { VirtualCard, type VirtualCardOptions } from './support/virtual-card.js';

const READER = 'Virtual PCD 00 00';
const DEBOUNCE_MS = 1500;
const unavailable = pcscUnavailable();
let pcscd: Pcscd | undefined;
let unlock: (() => Promise<void>) | undefined;

before(async () => {
  if (unavailable) return;
  unlock = await lockPcscStack();
  pcscd = await startPcscd();
});
/** The port pcscd's virtual reader takes cards on (the test's own pcscd chooses a free one). */
function cardPort(): number {
  if (!pcscd) throw new Error('pcscd is not running');
  return pcscd.port;
}
after(async () => {
  await pcscd?.stop();
  await unlock?.();
});

class TestedReader extends PcscCardReader {
  closedByTest = false;
  override async close(): Promise<void> {
    this.closedByTest = true;
    await super.close();
  }
}

function waitHealth(reader: PcscCardReader, wanted: DeviceHealth, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (reader.health() === wanted) return resolve();
    const timer = setTimeout(
      () => reject(new Error(`reader still ${JSON.stringify(reader.status())}, wanted ${wanted}`)),
      timeoutMs,
    );
    const listener = (health: DeviceHealth) => {
      if (health !== wanted) return;
      clearTimeout(timer);
      reader.off('health', listener);
      resolve();
    };
    reader.on('health', listener);
  });
}

/** A reader on the virtual slot, with a trace to wait on what it did with each card. */
function realReader(options: { dataBlock?: { block: number; length: number } } = {}) {
  let now = Date.parse('2026-11-21T14:00:00Z');
  const traces: PcscTrace[] = [];
  const logger = recordingLogger();
  const reader = new TestedReader({
    logger,
    readerName: READER,
    debounceMs: DEBOUNCE_MS,
    clock: () => new Date(now),
    backoff: { initialMs: 100, maxMs: 1000 },
    ...(options.dataBlock ? { dataBlock: options.dataBlock } : {}),
    trace: (event) => {
      traces.push(event);
    },
  });
  const waitFor = async (types: ReadonlyArray<PcscTrace['type']>, from: number, what: string) => {
    const deadline = Date.now() + 5000;
    while (!traces.slice(from).some((t) => types.includes(t.type))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  };
  /** Insert a card, wait until the reader has read it (or refused it), remove it, wait again. */
  const tapCard = async (card: VirtualCardOptions) => {
    const virtual = new VirtualCard({ port: cardPort(), ...card });
    const from = traces.length;
    await virtual.insert();
    try {
      // A closed reader reads nothing: give it the time a read takes, then take the card away.
      if (reader.closedByTest) await sleep(800);
      else await waitFor(['card-read', 'card-unreadable'], from, 'the card to be read');
    } finally {
      await virtual.remove();
    }
    if (reader.closedByTest) await sleep(400);
    else await waitFor(['card-removed'], from, 'the card to be removed');
    return virtual;
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { reader, logger, traces, tapCard, advance };
}

/** The contract's UIDs are strings; one that is not hex bytes cannot be sent by a card, so it answers garbage. */
function cardFor(uid: string): VirtualCardOptions {
  const hex = uid.replace(/:/g, '');
  if (/^([0-9a-f]{2})*$/i.test(hex)) return { uid: Buffer.from(hex, 'hex') };
  return { uid: Buffer.alloc(0), answer: () => Buffer.from('garbage') };
}

function recordCards(reader: PcscCardReader): CardEvent[] {
  const cards: CardEvent[] = [];
  reader.on('card', (event) => {
    cards.push(event);
  });
  return cards;
}

describe('PcscCardReader on pcscd + vpcd', { skip: unavailable ?? false }, () => {
  runCardReaderContract('PcscCardReader (pcscd + vsmartcard-vpcd)', async (): Promise<CardReaderHarness> => {
    const real = realReader();
    return {
      reader: real.reader,
      debounceMs: DEBOUNCE_MS,
      ready: () => waitHealth(real.reader, 'connected'),
      tap: async (uid) => {
        await real.tapCard(cardFor(uid));
      },
      advance: real.advance,
      dispose: () => real.reader.close(),
    };
  });

  it('reads the UID and the configured data block of a wristband', async (t) => {
    const real = realReader({ dataBlock: { block: 4, length: 16 } });
    t.after(() => real.reader.close());
    const cards = recordCards(real.reader);
    await real.reader.start();
    await waitHealth(real.reader, 'connected');
    const started = Date.now();
    const card = await real.tapCard({
      uid: Buffer.from('04a1b2c3d4e5f6', 'hex'),
      blocks: { 4: Buffer.from('ROOM-0412-GUEST\0') },
    });
    t.diagnostic(`insert → read → remove through pcscd took ${Date.now() - started} ms`);
    assert.equal(cards[0]?.uid, '04A1B2C3D4E5F6');
    assert.equal(Buffer.from(cards[0]?.data ?? '', 'hex').toString('latin1'), 'ROOM-0412-GUEST\0');
    assert.deepEqual(
      card.apdus.map((a) => a.toString('hex')),
      ['ffca000000', 'ffb0000410'],
    );
  });

  it('a card answering an error status word is error with a reason, and a good card after it reads', async (t) => {
    const real = realReader();
    t.after(() => real.reader.close());
    const cards = recordCards(real.reader);
    const errors: Error[] = [];
    real.reader.on('error', (error) => {
      errors.push(error);
    });
    await real.reader.start();
    await waitHealth(real.reader, 'connected');
    const bad = new VirtualCard({
      port: cardPort(),
      uid: Buffer.alloc(0),
      answer: () => Buffer.from([0x6a, 0x81]),
    });
    await bad.insert();
    await waitHealth(real.reader, 'error');
    assert.match(real.reader.status().reason ?? '', /SW 6A81/);
    assert.equal((errors[0] as { code?: string }).code, 'CARD_UNREADABLE');
    await bad.remove();
    await waitHealth(real.reader, 'connected');
    await real.tapCard({ uid: Buffer.from('0a1b2c3d', 'hex') });
    assert.deepEqual(
      cards.map((c) => c.uid),
      ['0A1B2C3D'],
    );
  });

  it('pcscd going away is retrying with a reason, and the reader comes back when pcscd does', async (t) => {
    if (!pcscd?.ours) {
      t.skip('pcscd runs as a system service here; the test only stops a pcscd it started');
      return;
    }
    const real = realReader();
    t.after(() => real.reader.close());
    await real.reader.start();
    await waitHealth(real.reader, 'connected');
    const cardOn = new VirtualCard({ port: cardPort(), uid: Buffer.from('04a1b2c3d4e5f6', 'hex') });
    const removed: string[] = [];
    real.reader.on('card-removed', (event) => {
      removed.push(event.uid);
    });
    await cardOn.insert();
    await sleep(800);
    const stoppedAt = Date.now();
    await pcscd.stop();
    await waitHealth(real.reader, 'retrying');
    t.diagnostic(`pcscd stop → retrying in ${Date.now() - stoppedAt} ms: ${real.reader.status().reason}`);
    assert.match(real.reader.status().reason ?? '', /PC\/SC service/);
    assert.deepEqual(removed, ['04A1B2C3D4E5F6'], 'the card on the reader is reported gone');
    await cardOn.remove();
    pcscd = await startPcscd(pcscd.port);
    const restartedAt = Date.now();
    await waitHealth(real.reader, 'connected');
    t.diagnostic(`pcscd restart → connected in ${Date.now() - restartedAt} ms`);
    await real.tapCard({ uid: Buffer.from('0a1b2c3d', 'hex') });
  });
});
