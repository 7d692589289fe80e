// The behaviour every CardReader must have. Run by simulated-card-reader.test.ts and by the PC/SC
// reader's system test (tests/system/pcsc-card-reader.test.ts: pcscd + vsmartcard virtual reader).
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { CardEvent, CardReader, CardRemovedEvent } from '@roompost/drivers';

export interface CardReaderHarness {
  /** A reader built with the harness's clock and `debounceMs`; not started yet. */
  reader: CardReader;
  debounceMs: number;
  /**
   * Put a card reporting this UID on the reader and take it away again. Resolves once the reader
   * has had the chance to report both (a real harness waits for the reader's poll).
   */
  tap(uid: string): Promise<void>;
  /** Resolves once a started reader has found its device (a real reader attaches after start). */
  ready?(): Promise<void>;
  /** Move the clock the reader was given forward. */
  advance(ms: number): void;
  /** Close the reader and stop anything the harness started. */
  dispose(): Promise<void>;
}

export type CardReaderHarnessFactory = () => Promise<CardReaderHarness>;

const UID_4 = '0a1b2c3d';
const UID_7 = '04a2b3c4d5e6f7';
const UID_10 = '04a2b3c4d5e6f708192a';

function record(reader: CardReader): { cards: CardEvent[]; removed: CardRemovedEvent[] } {
  const cards: CardEvent[] = [];
  const removed: CardRemovedEvent[] = [];
  reader.on('card', (event) => {
    cards.push(event);
  });
  reader.on('card-removed', (event) => {
    removed.push(event);
  });
  return { cards, removed };
}

async function started(t: TestContext, factory: CardReaderHarnessFactory): Promise<CardReaderHarness> {
  const harness = await factory();
  t.after(() => harness.dispose());
  await harness.reader.start();
  await harness.ready?.();
  return harness;
}

export function runCardReaderContract(name: string, factory: CardReaderHarnessFactory): void {
  describe(`CardReader contract: ${name}`, () => {
    it('reports connected health after start', async (t) => {
      const { reader } = await started(t, factory);
      assert.equal(reader.health(), 'connected');
    });

    it('a tap emits one card event with the UID in upper-case hex, then card-removed', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      await h.tap(UID_7);
      assert.equal(seen.cards.length, 1);
      assert.equal(seen.cards[0]?.uid, UID_7.toUpperCase());
      assert.ok(seen.cards[0]?.at instanceof Date);
      assert.deepEqual(seen.removed, [{ uid: UID_7.toUpperCase() }]);
    });

    it('accepts 4-, 7- and 10-byte UIDs', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      for (const uid of [UID_4, UID_7, UID_10]) await h.tap(uid);
      assert.deepEqual(
        seen.cards.map((c) => c.uid),
        [UID_4, UID_7, UID_10].map((uid) => uid.toUpperCase()),
      );
    });

    it('the same UID tapped again within the debounce window emits once', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      await h.tap(UID_7);
      h.advance(h.debounceMs - 1);
      // Spelled differently, same card: debounce works on the normalised UID.
      await h.tap(UID_7.toUpperCase().match(/../g)!.join(':'));
      assert.equal(seen.cards.length, 1);
    });

    it('the same UID tapped again after the debounce window emits again', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      await h.tap(UID_7);
      h.advance(h.debounceMs);
      await h.tap(UID_7);
      assert.equal(seen.cards.length, 2);
    });

    it('a different UID inside the debounce window emits at once', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      await h.tap(UID_7);
      await h.tap(UID_4);
      assert.deepEqual(
        seen.cards.map((c) => c.uid),
        [UID_7.toUpperCase(), UID_4.toUpperCase()],
      );
    });

    it('never emits an invalid UID, and keeps reading after one', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      const invalid = [
        '',
        'zz1b2c3d',
        '0a1b2c',
        '0a1b2c3d4e',
        '0a1b2c3d4',
        '04a2b3c4d5e6f708192a3b',
        '0x0a1b2c3d',
      ];
      for (const uid of invalid) await h.tap(uid);
      assert.equal(seen.cards.length, 0);
      assert.equal(seen.removed.length, 0);
      await h.tap(UID_4);
      assert.deepEqual(
        seen.cards.map((c) => c.uid),
        [UID_4.toUpperCase()],
      );
    });

    it('emits nothing after close, and close is idempotent', async (t) => {
      const h = await started(t, factory);
      const seen = record(h.reader);
      await h.reader.close();
      await h.reader.close();
      await h.tap(UID_7);
      assert.equal(seen.cards.length, 0);
      assert.equal(seen.removed.length, 0);
    });

    it('start after close rejects with DEVICE_CLOSED', async (t) => {
      const h = await started(t, factory);
      await h.reader.close();
      await assert.rejects(h.reader.start(), { code: 'DEVICE_CLOSED' });
    });
  });
}
