// The link and client against a scripted IFC over an in-memory pipe (FIAS 2.20.23 pp.25–36, 78–90).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { field, record } from '../../../../central/src/pms/fias/fias-codec.js';
import { rejection, testLink } from './fias-test-link.js';
import { until } from './memory-stream.js';

/** A frame on the wire (STX, record type, `|`) of the given type. */
const startsRecord = (frame: string, type: string) => frame.includes(`\x02${type}|`);

const inquiry = (seq: string) =>
  record('PR', [
    ['PI', '2781'],
    ['WS', 'POS1'],
    ['P#', seq],
  ]);
const posting = (seq: string) =>
  record('PR', [
    ['RN', '2781'],
    ['G#', '12345'],
    ['TA', '1450'],
    ['S1', '1450'],
    ['WS', 'POS1'],
    ['P#', seq],
  ]);

test('on LS the vendor sends LD (IF PO), then every LR, then LA; Alive only after the IFC LA (p.25, p.100)', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  const seen = await l.start();
  assert.equal(seen[0]?.type, 'LD');
  assert.equal(field(seen[0]!, 'IF'), 'PO');
  assert.equal(field(seen[0]!, 'V#'), '1.0');
  assert.equal(seen.at(-1)?.type, 'LA');
  const lrs = seen.slice(1, -1);
  assert.ok(lrs.every((r) => r.type === 'LR' && r.fields[0]?.[0] === 'RI' && r.fields[1]?.[0] === 'FL'));
  assert.deepEqual(
    lrs.map((r) => field(r, 'RI')),
    ['PR', 'PL', 'PA', 'GI', 'GO', 'GC', 'NS', 'NE'],
  );
  assert.equal(l.link.state, 'alive');
});

test('data records before the link is Alive are ignored (p.36)', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  const unsolicited: string[] = [];
  l.client.onUnsolicited((r) => unsolicited.push(r.type));
  await l.send('GI|RN1001|G#12345|GSN|');
  await l.start();
  assert.deepEqual(unsolicited, []);
  assert.equal(l.logger.find('fias: record ignored, link not alive').length, 1);
});

test('a PA for a P# nobody sent is ignored and logged; the real answer still resolves', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  const answer = l.client.request('inquiry', inquiry);
  const sent = await l.next();
  const seq = field(sent, 'P#')!;
  // The spec's own example answers P#1735 with P#1753 (p.87).
  await l.send('PA|SO123|WS456|IDJOSH|ASNG|CTINVALID ROOM|P#1753|');
  await l.send(`PL|RN2781|G#12345|GNGuest, Mr.|P#${seq}|`);
  const pl = await answer;
  assert.equal(pl.type, 'PL');
  assert.equal(l.logger.find('fias: answer for a P# nobody sent; ignored').length, 1);
});

test('one posting in flight at a time, but an inquiry never waits behind a slow posting; P# never repeats', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  const firstPosting = l.client.request('posting', posting);
  const a = await l.next();
  const secondPosting = l.client.request('posting', posting);
  const lookup = l.client.request('inquiry', inquiry);
  // The PMS has not answered the first posting: the inquiry goes anyway, the second posting waits.
  const b = await l.next();
  assert.equal(b.type, 'PR');
  assert.equal(field(b, 'TA'), undefined, 'the record sent next is the inquiry (no TA)');
  assert.equal(Number(field(b, 'P#')), Number(field(a, 'P#')) + 1);
  await l.send(`PL|RN2781|G#12345|GNGuest, Mr.|P#${field(b, 'P#')}|`);
  assert.equal((await lookup).type, 'PL');
  assert.equal(l.inbox.length, 0, 'the second posting waits for the first PA');
  await l.send(`PA|RN2781|ASOK|P#${field(a, 'P#')}|`);
  assert.equal(field(await firstPosting, 'AS'), 'OK');
  const c = await l.next();
  assert.equal(Number(field(c, 'P#')), Number(field(b, 'P#')) + 1);
  await l.send(`PA|RN2781|ASOK|P#${field(c, 'P#')}|`);
  assert.equal(field(await secondPosting, 'AS'), 'OK');
});

test('P# wraps from 99999999 to 1, never 0 and never with leading zeros (p.80)', async (t) => {
  const l = await testLink({ firstSequence: 99_999_999 });
  t.after(() => l.close());
  await l.start();
  const one = l.client.request('inquiry', inquiry);
  const a = await l.next();
  assert.equal(field(a, 'P#'), '99999999');
  await l.send('PA|ASNG|P#99999999|');
  await one;
  const two = l.client.request('inquiry', inquiry);
  assert.equal(field(await l.next(), 'P#'), '1');
  await l.send('PA|ASNG|P#1|');
  await two;
});

test('an unknown record type is dropped with a logged reason', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  await l.send('ZZ|AB1|');
  await until(() => l.logger.find('fias: unknown record type dropped').length === 1);
});

test('a posting without a PA in time is POSTING_UNKNOWN, never retryable; a late PA is logged loudly', async (t) => {
  const l = await testLink({ postingMs: 100 });
  t.after(() => l.close());
  await l.start();
  const outcome = rejection(l.client.request('posting', posting));
  const sent = await l.next();
  const err = await outcome;
  assert.equal(err.code, 'POSTING_UNKNOWN');
  assert.equal(err.retryable, false);
  await l.send(`PA|RN2781|ASOK|P#${field(sent, 'P#')}|`);
  await until(() => l.logger.find('fias: late answer for a timed-out request').length === 1);
});

test('an inquiry without an answer is CONNECTION_FAILED, retryable (an inquiry books nothing)', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  const err = await rejection(l.client.request('inquiry', inquiry));
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.retryable, true);
});

test('the link dropping with a posting in flight is POSTING_UNKNOWN', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  const outcome = rejection(l.client.request('posting', posting));
  await l.next();
  l.cut();
  assert.equal((await outcome).code, 'POSTING_UNKNOWN');
});

test('resync: DR → DS, GI/GO, DE; nothing else is sent until DE (p.36)', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  const resync = l.client.resync();
  const dr = await l.next();
  assert.equal(dr.type, 'DR');
  const meanwhile = l.client.request('inquiry', inquiry);
  await l.send('DS|DA001005|TI125047|');
  await l.send('GI|RN1001|G#12345|GSN|SF|');
  await l.send('GO|RN1002|GSN|SF|');
  // The pipe delivers on the next turn of the event loop: once GO has reached the vendor, whatever it
  // wrote so far went out before DE.
  await new Promise((r) => setImmediate(r));
  const beforeDe = l.vendorWritten.length;
  await l.send('DE|DA001005|TI1252001|');
  assert.deepEqual(
    (await resync).map((r) => [r.type, field(r, 'RN')]),
    [
      ['GI', '1001'],
      ['GO', '1002'],
    ],
  );
  const pr = await l.next();
  assert.equal(pr.type, 'PR');
  const prAt = l.vendorWritten.findIndex((b) => startsRecord(b.toString('latin1'), 'PR'));
  assert.ok(prAt >= beforeDe, 'the inquiry waited for the end of the resync (DE)');
  await l.send(`PA|ASNG|P#${field(pr, 'P#')}|`);
  await meanwhile;
});

test('after LE requests wait; the IFC LS restarts the link and they go out in order (p.29)', async (t) => {
  const l = await testLink();
  t.after(() => l.close());
  await l.start();
  await l.send('LE|DA260127|TI200000|');
  await until(() => l.link.state === 'ended');
  const work = l.client.request('posting', posting);
  const endedAt = l.vendorWritten.length;
  await l.start();
  const pr = await l.next();
  assert.equal(pr.type, 'PR');
  // Buffered while the link was ended: the posting went out only after the restart's LD…LA.
  const sent = l.vendorWritten.slice(endedAt).map((b) => b.toString('latin1'));
  const restartLd = sent.findIndex((b) => startsRecord(b, 'LD'));
  const prAt = sent.findIndex((b) => startsRecord(b, 'PR'));
  assert.ok(restartLd >= 0 && prAt > restartLd, 'the posting waited for the restarted link');
  await l.send(`PA|ASOK|P#${field(pr, 'P#')}|`);
  assert.equal(field(await work, 'AS'), 'OK');
});

test('alive check: LS every interval, answered LA keeps the link; no LA drops it (p.99)', async (t) => {
  const l = await testLink({ timers: { aliveIntervalMs: 40, aliveTimeoutMs: 300 } });
  t.after(() => l.close());
  await l.start();
  const ls = await l.next();
  assert.equal(ls.type, 'LS');
  await l.send('LA|DA260127|TI200000|');
  const again = await l.next();
  assert.equal(again.type, 'LS', 'the next interval checks again');
  assert.equal(l.link.state, 'alive');
  // No answer this time: the link counts as dead and closes.
  await until(() => l.link.state !== 'alive');
  assert.equal(l.logger.find('fias: alive check unanswered; reconnecting').length, 1);
});
