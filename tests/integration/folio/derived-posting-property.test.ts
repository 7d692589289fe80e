// Property: whatever sequence of transfers (to any window, at any depth), voids, surcharges, discounts and
// payments the desk makes, every invoice line keeps its origin's category and SAC, and its tax is what
// that line would carry on its origin folio (the category's GST rate on its own amount, CGST + SGST each
// rounded half up). Real SQLite file per run; fast-check shrinks a failure to the shortest sequence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChargeCategory } from '@roompost/folio';
import { taxLinesFor } from '@roompost/folio';
import fc from 'fast-check';
import { openIndianHotel, stayWithFolio } from './invoice-fixture.js';

const CATEGORIES: ChargeCategory[] = ['LAUNDRY', 'SPA', 'FOOD_BEVERAGE', 'TRANSPORT', 'MISC', 'ALCOHOL'];

type Op =
  | { kind: 'charge'; type: 'POS' | 'SURCHARGE' | 'DISCOUNT'; category: ChargeCategory; rupees: number }
  | { kind: 'transfer'; pick: number; window: number }
  | { kind: 'void'; pick: number }
  | { kind: 'payment'; rupees: number; window: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('charge' as const),
    type: fc.constantFrom('POS' as const, 'SURCHARGE' as const, 'DISCOUNT' as const),
    category: fc.constantFrom(...CATEGORIES),
    rupees: fc.integer({ min: 1, max: 5_000 }),
  }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), window: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('payment' as const),
    rupees: fc.integer({ min: 1, max: 3_000 }),
    window: fc.nat({ max: 2 }),
  }),
);

test('random transfers, voids, surcharges, discounts and payments keep category, SAC and tax of the origin', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
      const hotel = await openIndianHotel(t, '2025-11-14');
      const { stayId, folioId } = await stayWithFolio(hotel);
      const windows = [folioId];
      for (const label of ['Two', 'Three']) {
        windows.push(
          (await hotel.folio.openFolioWindow({ stayRef: stayId, payerLabel: label, by: 'fd' })).id,
        );
      }
      const origins = new Map<string, ChargeCategory>();
      const movable: string[] = [];
      for (const o of ops) {
        if (o.kind === 'charge') {
          const { posting } = await hotel.folio.postFolioCharge({
            folioId,
            type: o.type,
            unitMinor: o.rupees * 100,
            quantity: 1,
            description: `${o.type} ${o.category}`,
            category: o.category,
            ...(o.type === 'POS' ? {} : { ruleApplied: 'MANUAL test', referenceKind: 'manual' as const }),
            by: 'fd',
          });
          origins.set(posting.id, o.category);
          movable.push(posting.id);
        } else if (o.kind === 'payment') {
          await hotel.folio.pay({
            folioId: windows[o.window]!,
            payments: [{ method: 'CASH', amountMinor: o.rupees * 100 }],
            by: 'fd',
          });
        } else if (movable.length > 0) {
          const target = movable[o.pick % movable.length]!;
          try {
            if (o.kind === 'transfer') {
              const [, into] = await hotel.folio.transferPosting({
                postingId: target,
                toFolioId: windows[o.window]!,
                by: 'fd',
              });
              movable.push(into!.id);
            } else {
              await hotel.folio.voidPosting({ postingId: target, reason: 'test', by: 'fd' });
            }
          } catch (error) {
            // Refusals the ledger rules make (already moved, same window, a correction of a correction).
            assert.equal((error as { code?: string }).code, 'CORRECTION_NOT_ALLOWED');
          }
        }
      }
      // Each posting's origin, at the end of its link chain.
      const rows = await hotel.store.db.selectFrom('postings').select(['id', 'linked_posting_id']).execute();
      const link = new Map(rows.map((r) => [r.id, r.linked_posting_id]));
      const originOf = (id: string) => {
        let current = id;
        for (let next = link.get(current); next; next = link.get(current)) current = next;
        return current;
      };
      for (const window of windows) {
        let draft: Awaited<ReturnType<typeof hotel.invoices.previewInvoice>>;
        try {
          draft = await hotel.invoices.previewInvoice({ folioId: window });
        } catch (error) {
          assert.equal((error as { code?: string }).code, 'NOTHING_TO_INVOICE');
          continue;
        }
        for (const line of draft.lines) {
          const category = origins.get(originOf(line.postingId));
          assert.ok(category, `line ${line.description} has a charge as its origin`);
          assert.equal(line.category, category, line.description);
          const expected = taxLinesFor({
            regime: 'IN_GST',
            serviceDate: line.serviceDate,
            category,
            amountMinor: line.amountMinor,
            supplierState: '27',
            placeOfSupply: '27',
            specifiedPremises: false,
          });
          assert.equal(line.sac, expected[0]?.sac ?? line.sac, line.description);
          assert.deepEqual(
            line.taxes.map((x) => [x.code, x.rate, x.amountMinor, x.sac]),
            expected.map((x) => [x.code, x.rate, x.amountMinor, x.sac]),
            line.description,
          );
        }
      }
    }),
    { numRuns: 25 },
  );
});
