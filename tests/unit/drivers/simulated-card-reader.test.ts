import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { type CardEvent, type DeviceHealth, SimulatedCardReader } from '@roompost/drivers';
import { runCardReaderContract } from './card-reader.contract.js';
import { recordingLogger } from './recording-logger.js';

const UID = '04A2B3C4D5E6F7';
const OTHER = '0A1B2C3D';
const DEBOUNCE_MS = 1500;

function simulated(debounceMs = DEBOUNCE_MS) {
  let now = Date.parse('2026-11-21T14:00:00Z');
  const logger = recordingLogger();
  const reader = new SimulatedCardReader({ logger, debounceMs, clock: () => new Date(now) });
  return {
    reader,
    logger,
    debounceMs,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

runCardReaderContract('SimulatedCardReader', async () => {
  const sim = simulated();
  return {
    reader: sim.reader,
    debounceMs: sim.debounceMs,
    tap: async (uid) => sim.reader.tap(uid),
    advance: sim.advance,
    dispose: () => sim.reader.close(),
  };
});

async function startedSim(t: TestContext) {
  const sim = simulated();
  t.after(() => sim.reader.close());
  await sim.reader.start();
  const cards: CardEvent[] = [];
  const removed: string[] = [];
  sim.reader.on('card', (event) => {
    cards.push(event);
  });
  sim.reader.on('card-removed', (event) => {
    removed.push(event.uid);
  });
  return { ...sim, cards, removed };
}

describe('SimulatedCardReader', () => {
  it('stamps the card event with the injected clock', async (t) => {
    const sim = await startedSim(t);
    sim.reader.tap(UID);
    assert.equal(sim.cards[0]?.at.getTime(), sim.now());
  });

  it('logs an invalid UID with code INVALID_UID instead of emitting it', async (t) => {
    const sim = await startedSim(t);
    sim.reader.tap('0A1B2C');
    assert.equal(sim.cards.length, 0);
    const warning = sim.logger.entries.find((e) => e.level === 'warn');
    assert.equal(warning?.obj.code, 'INVALID_UID');
    assert.equal(warning?.obj.reason, 'length');
  });

  it('keeps a presented card until remove(), and a re-report of it is not a new tap', async (t) => {
    const sim = await startedSim(t);
    sim.reader.present(UID);
    sim.advance(DEBOUNCE_MS * 2);
    sim.reader.present(UID);
    assert.equal(sim.cards.length, 1);
    assert.deepEqual(sim.removed, []);
    sim.reader.remove();
    assert.deepEqual(sim.removed, [UID]);
  });

  it('a second card replacing the first reports the first as removed', async (t) => {
    const sim = await startedSim(t);
    sim.reader.present(UID);
    sim.reader.present(OTHER);
    assert.deepEqual(
      sim.cards.map((c) => c.uid),
      [UID, OTHER],
    );
    assert.deepEqual(sim.removed, [UID]);
  });

  it('a card flickering in and out of the field stays one tap while each gap is inside the window', async (t) => {
    const sim = await startedSim(t);
    for (let i = 0; i < 5; i++) {
      sim.reader.tap(UID);
      sim.advance(DEBOUNCE_MS - 100);
    }
    assert.equal(sim.cards.length, 1);
    // Its removals are not reported either: only the announced arrival has a matching removal.
    assert.deepEqual(sim.removed, [UID]);
  });

  it('measures the window from when the card left, not when it arrived', async (t) => {
    const sim = await startedSim(t);
    sim.reader.present(UID);
    sim.advance(DEBOUNCE_MS * 3);
    sim.reader.remove();
    sim.advance(DEBOUNCE_MS - 1);
    sim.reader.tap(UID);
    assert.equal(sim.cards.length, 1);
  });

  it('a wall clock stepped backwards does not hold the next tap back', async (t) => {
    const sim = await startedSim(t);
    sim.reader.tap(UID);
    sim.advance(-60 * 60 * 1000);
    sim.reader.tap(UID);
    assert.equal(sim.cards.length, 2);
  });

  it('emits health on change only, and sees no cards unless connected', async (t) => {
    const sim = await startedSim(t);
    const health: DeviceHealth[] = [];
    sim.reader.on('health', (h) => {
      health.push(h);
    });
    sim.reader.setHealth('error');
    sim.reader.setHealth('error');
    sim.reader.tap(UID);
    sim.reader.setHealth('retrying');
    sim.reader.setHealth('connected');
    assert.deepEqual(health, ['error', 'retrying', 'connected']);
    assert.equal(sim.reader.health(), 'connected');
    assert.equal(sim.cards.length, 0);
    sim.reader.tap(UID);
    assert.equal(sim.cards.length, 1);
  });

  it('is retrying and silent before start', async (t) => {
    const sim = simulated();
    t.after(() => sim.reader.close());
    const cards: CardEvent[] = [];
    sim.reader.on('card', (event) => {
      cards.push(event);
    });
    assert.equal(sim.reader.health(), 'retrying');
    sim.reader.tap(UID);
    assert.equal(cards.length, 0);
  });

  it('announces connected health during start', async (t) => {
    const sim = simulated();
    t.after(() => sim.reader.close());
    const health: DeviceHealth[] = [];
    sim.reader.on('health', (h) => {
      health.push(h);
    });
    await sim.reader.start();
    await sim.reader.start();
    assert.deepEqual(health, ['connected']);
  });

  it('a listener that throws or rejects is logged and does not stop other listeners or later taps', async (t) => {
    const sim = await startedSim(t);
    sim.reader.on('card', () => {
      throw new Error('kiosk handler bug');
    });
    sim.reader.on('card', async () => {
      throw new Error('async kiosk handler bug');
    });
    sim.reader.tap(UID);
    sim.reader.tap(OTHER);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(sim.cards.length, 2);
    const errors = sim.logger.entries.filter((e) => e.level === 'error' && e.obj.event === 'card');
    assert.equal(errors.length, 4);
  });

  it('once() listeners fire a single time and off() unsubscribes', async (t) => {
    const sim = await startedSim(t);
    let onceCalls = 0;
    let offCalls = 0;
    const offListener = () => {
      offCalls++;
    };
    sim.reader.once('card', () => {
      onceCalls++;
    });
    sim.reader.on('card', offListener);
    sim.reader.off('card', offListener);
    sim.reader.tap(UID);
    sim.reader.tap(OTHER);
    assert.equal(onceCalls, 1);
    assert.equal(offCalls, 0);
  });
});
