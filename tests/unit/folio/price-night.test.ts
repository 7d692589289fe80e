// priceNight, the one place that prices a night: each rule kind on a worked example, with the lines written
// out and the hand computation beside them. Amounts in paise (₹6,000.00 = 600_000).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NightToPrice, type PricingRule, priceNight } from '@roompost/folio';

const NIGHT = 600_000;

function rule(overrides: Partial<PricingRule> & Pick<PricingRule, 'code' | 'kind'>): PricingRule {
  return {
    id: overrides.code,
    name: overrides.code,
    percent: null,
    amountMinor: null,
    dateFrom: null,
    dateTo: null,
    holidays: null,
    weekdays: null,
    roomTypeCodes: null,
    quota: null,
    serviceKind: null,
    promoScope: null,
    active: true,
    ...overrides,
  };
}

function night(overrides: Partial<NightToPrice> = {}): NightToPrice {
  return {
    stayDate: '2026-03-12', // a Thursday
    roomNumber: '301',
    roomTypeCode: 'DLX',
    roomMinor: NIGHT,
    ratePlanCode: 'BAR',
    baseOccupancy: 2,
    adults: 2,
    children: 0,
    extraBeds: 0,
    ratePlanExtras: { adultMinor: 0, childMinor: 0, bedMinor: 0 },
    promo: null,
    firstNight: false,
    ...overrides,
  };
}

/** [code, amount] of each line, in order. */
const lines = (n: NightToPrice, rules: PricingRule[], regime: 'NONE' | 'IN_GST' = 'NONE') =>
  priceNight(n, { rules, regime }).map((l) => [l.code, l.amountMinor]);

test('no rules: the room line only, referenced to the rate plan', () => {
  const [room, ...rest] = priceNight(night(), { rules: [], regime: 'NONE' });
  assert.deepEqual(rest, []);
  assert.equal(room?.type, 'ROOM');
  assert.equal(room?.amountMinor, NIGHT);
  assert.equal(room?.referenceId, 'BAR');
});

test('seasonal: 10 % by date range, fixed ₹1,500 on a holiday; nothing outside', () => {
  const high = rule({
    code: 'HIGH',
    kind: 'SEASONAL',
    percent: '10',
    dateFrom: '2026-03-10',
    dateTo: '2026-03-20',
  });
  const holi = rule({ code: 'HOLI', kind: 'SEASONAL', amountMinor: 150_000, holidays: ['2026-03-04'] });
  // 10 % of 6,000.00 = 600.00
  assert.deepEqual(lines(night(), [high, holi]), [
    ['ROOM', 600_000],
    ['SEASONAL:HIGH', 60_000],
  ]);
  assert.deepEqual(lines(night({ stayDate: '2026-03-04' }), [high, holi]), [
    ['ROOM', 600_000],
    ['SEASONAL:HOLI', 150_000],
  ]);
  assert.deepEqual(lines(night({ stayDate: '2026-03-21' }), [high, holi]), [['ROOM', 600_000]]);
  const [, line] = priceNight(night(), { rules: [high], regime: 'NONE' });
  assert.equal(line?.ruleApplied, 'SEASONAL 10%');
  assert.equal(line?.referenceKind, 'policy');
  assert.equal(line?.referenceId, 'HIGH');
});

test('weekend: default Fri, Sat, Sun nights; configurable nights', () => {
  const weekend = rule({ code: 'WKND', kind: 'WEEKEND', percent: '5', weekdays: [5, 6, 0] });
  // Friday 13 March: 5 % of 6,000.00 = 300.00; Thursday 12 March: none
  assert.deepEqual(lines(night({ stayDate: '2026-03-13' }), [weekend]), [
    ['ROOM', 600_000],
    ['WEEKEND:WKND', 30_000],
  ]);
  assert.deepEqual(lines(night(), [weekend]), [['ROOM', 600_000]]);
  const thursdays = rule({ code: 'THU', kind: 'WEEKEND', amountMinor: 25_000, weekdays: [4] });
  assert.deepEqual(lines(night(), [thursdays]), [
    ['ROOM', 600_000],
    ['WEEKEND:THU', 25_000],
  ]);
});

test('extra person: per person above base occupancy per night (adults fill the base first)', () => {
  const person = rule({ code: 'XP', kind: 'EXTRA_PERSON', amountMinor: 100_000 });
  // base 2: 3 adults + 1 child = 2 above base × 1,000.00 = 2,000.00
  assert.deepEqual(lines(night({ adults: 3, children: 1 }), [person]), [
    ['ROOM', 600_000],
    ['EXTRA_PERSON', 200_000],
  ]);
  // 1 adult + 1 child fit the base of 2: nothing
  assert.deepEqual(lines(night({ adults: 1, children: 1 }), [person]), [['ROOM', 600_000]]);
});

test('extra bed: per bed requested per night', () => {
  const bed = rule({ code: 'XB', kind: 'EXTRA_BED', amountMinor: 50_000 });
  // 2 beds × 500.00 = 1,000.00
  assert.deepEqual(lines(night({ extraBeds: 2 }), [bed]), [
    ['ROOM', 600_000],
    ['EXTRA_BED', 100_000],
  ]);
});

test("without extra rules the rate plan's extras are one EXTRA line, as booked", () => {
  const n = night({
    adults: 3,
    extraBeds: 1,
    ratePlanExtras: { adultMinor: 100_000, childMinor: 0, bedMinor: 50_000 },
  });
  // 1 extra adult × 1,000.00 + 1 bed × 500.00 = 1,500.00
  assert.deepEqual(lines(n, []), [
    ['ROOM', 600_000],
    ['EXTRA', 150_000],
  ]);
});

test('room / allotment discount: % for the room types named, within the quota of rooms a night', () => {
  const corp = rule({ code: 'CORP', kind: 'ROOM_DISCOUNT', percent: '10', roomTypeCodes: ['DLX'], quota: 1 });
  const allotmentUsed = new Map<string, number>();
  const price = (n: NightToPrice) =>
    priceNight(n, { rules: [corp], regime: 'NONE', allotmentUsed }).map((l) => [l.code, l.amountMinor]);
  // first DLX room of the night: 10 % of 6,000.00 = 600.00 off; the quota of 1 is then used up
  assert.deepEqual(price(night()), [
    ['ROOM', 600_000],
    ['ROOM_DISCOUNT:CORP', -60_000],
  ]);
  assert.deepEqual(price(night({ roomNumber: '302' })), [['ROOM', 600_000]]);
  // another room type is not discounted
  assert.deepEqual(lines(night({ roomTypeCode: 'STD' }), [corp]), [['ROOM', 600_000]]);
});

test('promo per night (% after the room discount) and per folio (fixed, first night only)', () => {
  const corp = rule({ code: 'CORP', kind: 'ROOM_DISCOUNT', percent: '10' });
  const spring = rule({ code: 'SPRING', kind: 'PROMO', percent: '15', promoScope: 'NIGHT' });
  // (6,000.00 − 600.00) × 15 % = 810.00
  assert.deepEqual(lines(night({ promo: { code: 'SPRING26', rule: spring } }), [corp]), [
    ['ROOM', 600_000],
    ['ROOM_DISCOUNT:CORP', -60_000],
    ['PROMO:SPRING26', -81_000],
  ]);
  const welcome = rule({ code: 'WELCOME', kind: 'PROMO', amountMinor: 100_000, promoScope: 'FOLIO' });
  const promo = { code: 'HELLO', rule: welcome };
  assert.deepEqual(lines(night({ promo, firstNight: true }), []), [
    ['ROOM', 600_000],
    ['PROMO:HELLO', -100_000],
  ]);
  assert.deepEqual(lines(night({ promo, firstNight: false }), []), [['ROOM', 600_000]]);
  // a promo never takes the room below zero
  const huge = rule({ code: 'HUGE', kind: 'PROMO', amountMinor: 900_000, promoScope: 'NIGHT' });
  assert.deepEqual(lines(night({ promo: { code: 'X', rule: huge } }), []), [
    ['ROOM', 600_000],
    ['PROMO:X', -600_000],
  ]);
});

test('extra person + extra bed + weekend + promo together, with GST after the discount', () => {
  const rules = [
    rule({ code: 'XP', kind: 'EXTRA_PERSON', amountMinor: 100_000 }),
    rule({ code: 'XB', kind: 'EXTRA_BED', amountMinor: 50_000 }),
    rule({ code: 'WKND', kind: 'WEEKEND', percent: '10', weekdays: [5, 6, 0] }),
  ];
  const promo = {
    code: 'SAVE20',
    rule: rule({ code: 'SAVE', kind: 'PROMO', percent: '20', promoScope: 'NIGHT' }),
  };
  const priced = priceNight(night({ stayDate: '2026-03-13', adults: 3, extraBeds: 1, promo }), {
    rules,
    regime: 'IN_GST',
  });
  // Friday 13 March 2026, 3 adults in a room for 2, one extra bed:
  //   ROOM 6,000.00 · EXTRA_PERSON 1 × 1,000.00 · EXTRA_BED 1 × 500.00 · WEEKEND 10 % of 6,000.00 = 600.00
  //   PROMO 20 % of (6,000.00 + 600.00) = 1,320.00 off
  //   night value 6,000 + 1,000 + 500 + 600 − 1,320 = 6,780.00 ≤ 7,500 → 5 % (CGST 2.5 % + SGST 2.5 %)
  //   tax per line: 150.00+150.00, 25.00+25.00, 12.50+12.50, 15.00+15.00, −33.00−33.00 = 339.00 = 5 % of 6,780.00
  assert.deepEqual(
    priced.map((l) => [l.type, l.code, l.amountMinor, l.taxMinor]),
    [
      ['ROOM', 'ROOM', 600_000, 30_000],
      ['SURCHARGE', 'EXTRA_PERSON', 100_000, 5_000],
      ['SURCHARGE', 'EXTRA_BED', 50_000, 2_500],
      ['SURCHARGE', 'WEEKEND:WKND', 60_000, 3_000],
      ['DISCOUNT', 'PROMO:SAVE20', -132_000, -6_600],
    ],
  );
  assert.deepEqual(
    priced[0]?.taxes.map((t) => [t.code, t.rate, t.amountMinor]),
    [
      ['CGST', '0.025', 15_000],
      ['SGST', '0.025', 15_000],
    ],
  );
  assert.equal(
    priced.reduce((a, l) => a + l.taxMinor, 0),
    33_900,
  );
  assert.equal(priced[4]?.referenceKind, 'campaign');
  assert.equal(priced[4]?.referenceId, 'SAVE20');
});

test('a stay across the end of a season and into a weekend', () => {
  const rules = [
    rule({ code: 'HIGH', kind: 'SEASONAL', percent: '10', dateFrom: '2026-03-01', dateTo: '2026-03-20' }),
    rule({ code: 'WKND', kind: 'WEEKEND', percent: '5', weekdays: [5, 6, 0] }),
  ];
  const stay = ['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22'].map((stayDate) =>
    lines(night({ stayDate }), rules),
  );
  // Thu 19: season (600.00) · Fri 20: season + weekend (600.00 + 300.00) · Sat 21, Sun 22: weekend (300.00)
  assert.deepEqual(stay, [
    [
      ['ROOM', 600_000],
      ['SEASONAL:HIGH', 60_000],
    ],
    [
      ['ROOM', 600_000],
      ['SEASONAL:HIGH', 60_000],
      ['WEEKEND:WKND', 30_000],
    ],
    [
      ['ROOM', 600_000],
      ['WEEKEND:WKND', 30_000],
    ],
    [
      ['ROOM', 600_000],
      ['WEEKEND:WKND', 30_000],
    ],
  ]);
  // the stay's total: 4 × 6,000 + 2 × 600 + 3 × 300 = 26,100.00
  assert.equal(
    stay.flat().reduce((a, [, amount]) => a + Number(amount), 0),
    2_610_000,
  );
});
