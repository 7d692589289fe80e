// Codec tests built from the FIAS 2.20.23 spec's own example records (pp.85–90, p.37, p.93).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cleanText,
  ETX,
  encodeFrame,
  field,
  KNOWN_RECORD_TYPES,
  lrc,
  parseRecord,
  STX,
  serializeRecord,
} from '../../../../central/src/pms/fias/fias-codec.js';
import { checkTotal, fiasDateTime, moneyIn, moneyOut } from '../../../../central/src/pms/fias/fias-fields.js';
import { plGuests } from '../../../../central/src/pms/fias/fias-records.js';

// Verbatim from the spec (reference/pms-interfaces.md §1.4, §1.5).
const SPEC_EXAMPLES = [
  'PS|RN2781|PTC|SO100|TA1450|DA000915|TI124254|P#1732|',
  'PA|RN2781|ASOK|P#1732|DA000915|TI124254|',
  'PR|SO123|WS456|IDELI|PI2781|DA000915|TI124254|P#1734|PMROOM|',
  'PL|SO123|WS456|IDELI|RN2781|G#12345|GNGuest, Mr.|RN2781|G#12381|GNSharer, Mr.|P#1734|',
  'PR|SO123|WS456|IDJOSH|PI5781|DA000915|TI124254|P#1735|PMROOM|',
  'PA|SO123|WS456|IDJOSH|ASNG|CTINVALID ROOM|P#1753|',
  'PR|SO123|WS456|IDELI|PIG|MX4|DA000915|TI124254|P#1736|PMROOM|',
  'PR|SO123|WS456|IDJOSH|RN2781|G#12875|GNGaribaldi, Mr.|TA10575|S18000|T12575|C#1234|CV2|ST4|DA000915|TI124254|P#1737|PMROOM|',
  'PA|SO123|WS456|IDJOSH|RN2781|G#12875|GNGaribaldi, Mr.|ASOK|DA000915|TI124254|P#1737|',
  'DS|DA001005|TI125047|',
  'GI|RN1001|G#12345|GSN|SF|',
  'GO|RN1002|GSN|SF|',
  'DE|DA001005|TI1252001|',
  'LR|RIPS|FLRNPTTADATIP#|',
];

const parse = (text: string) => {
  const r = parseRecord(text);
  assert.ok(r.ok, `parses ${text}`);
  return r.record;
};

test('every example record of the spec parses and serializes back byte for byte', () => {
  for (const text of SPEC_EXAMPLES) {
    const rec = parse(text);
    assert.ok(KNOWN_RECORD_TYPES.has(rec.type), rec.type);
    assert.equal(serializeRecord(rec), text);
  }
});

test('fields keep their codes and data: P#, G#, empty SF, amounts, names with spaces', () => {
  const pa = parse('PA|SO123|WS456|IDJOSH|ASNG|CTINVALID ROOM|P#1753|');
  assert.equal(field(pa, 'AS'), 'NG');
  assert.equal(field(pa, 'CT'), 'INVALID ROOM');
  assert.equal(field(pa, 'P#'), '1753');
  const gi = parse('GI|RN1001|G#12345|GSN|SF|');
  assert.equal(field(gi, 'SF'), '', 'a resync record carries an empty swap flag');
  assert.equal(field(gi, 'G#'), '12345');
  // Leading zeros are data: room "0101" is not room "101" (p.21).
  assert.equal(field(parse('PR|PI0101|P#1|'), 'PI'), '0101');
});

test('a PL holds one RN|G#|GN block per guest, sharers included (p.85)', () => {
  const guests = plGuests(
    parse('PL|SO123|WS456|IDELI|RN2781|G#12345|GNGuest, Mr.|RN2781|G#12381|GNSharer, Mr.|P#1734|'),
  );
  assert.deepEqual(
    guests.map((g) => [g.fields.get('RN'), g.fields.get('G#'), g.fields.get('GN')]),
    [
      ['2781', '12345', 'Guest, Mr.'],
      ['2781', '12381', 'Sharer, Mr.'],
    ],
  );
});

test('the spec posting satisfies TA = S+T+D+TP+SC; a mismatch or a positive discount does not', () => {
  assert.deepEqual(checkTotal(SPEC_EXAMPLES.map(parse)[7]!), { ok: true });
  assert.deepEqual(checkTotal(parse('PR|TA1000|S1800|D1-200|T1400|')), { ok: true });
  assert.equal(checkTotal(parse('PR|TA1000|S1800|T1400|')).ok, false);
  assert.equal(checkTotal(parse('PR|TA1000|S1800|D1200|T1000|')).ok, false, 'discounts are negative');
  assert.equal(checkTotal(parse('PR|TA10.50|S110.50|')).ok, false, 'no decimal point to the PMS');
  assert.deepEqual(checkTotal(parse('PR|TA10575|S18000|T12000|TP500|SC75|')), { ok: true });
});

test('the LRC of the worked example <STX>12345<ETX> is "2" (p.93–94)', () => {
  assert.equal(lrc(Buffer.from('12345')), '2'.charCodeAt(0));
  const frame = encodeFrame(parse('DS|DA001005|TI125047|'), { lrc: true, encoding: 'latin1' });
  assert.equal(frame[0], STX);
  assert.equal(frame[frame.length - 2], ETX);
  assert.equal(frame.length, 'DS|DA001005|TI125047|'.length + 3);
});

test('malformed records are refused with a reason, never guessed at', () => {
  for (const bad of ['', 'P|RN1|', 'pa|ASOK|', 'PA|ASOK', 'PA|A|', 'PA|ASOK|X|']) {
    const r = parseRecord(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
});

test('an unknown record type parses but is not a known one', () => {
  const r = parse('ZZ|AB1|');
  assert.equal(KNOWN_RECORD_TYPES.has(r.type), false);
});

test('data cannot carry the separator or control bytes; cleanText makes free text safe', () => {
  assert.throws(() => serializeRecord({ type: 'PR', fields: [['CT', 'a|b']] }), RangeError);
  assert.throws(() => serializeRecord({ type: 'PR', fields: [['CT', 'a\x03b']] }), RangeError);
  assert.equal(cleanText('Pool | Bar\x02 check #1247 extra', 20), 'Pool   Bar  check #1');
});

test('money goes out as integer minor units and comes in with a period where needed (p.21)', () => {
  assert.equal(moneyOut(1050), '1050');
  assert.equal(moneyOut(-200), '-200');
  assert.throws(() => moneyOut(10.5), RangeError);
  assert.equal(moneyIn('245.00', 2), 24500);
  assert.equal(moneyIn('245', 2), 24500);
  assert.equal(moneyIn('-1.5', 2), -150);
  assert.equal(moneyIn('12.345', 3), 12345);
  assert.equal(moneyIn('1000', 0), 1000);
  assert.equal(moneyIn('1.234', 2), null, 'more precision than the currency has');
  assert.equal(moneyIn('abc', 2), null);
  assert.equal(moneyIn(undefined, 2), null);
});

test('DA/TI are YYMMDD/HHMMSS in the hotel time zone', () => {
  const at = new Date('2026-01-28T02:30:05Z');
  assert.deepEqual(fiasDateTime(at, 'UTC'), { DA: '260128', TI: '023005' });
  assert.deepEqual(fiasDateTime(at, 'America/New_York'), { DA: '260127', TI: '213005' });
});
