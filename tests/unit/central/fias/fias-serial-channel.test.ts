// ACK/NAK/ENQ on a serial FIAS link (2.20.23 p.22, pp.93–95), byte by byte against a scripted peer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FiasSendError } from '../../../../central/src/pms/fias/fias-channel.js';
import {
  ACK,
  ENQ,
  encodeFrame,
  type FiasRecord,
  NAK,
  parseRecord,
} from '../../../../central/src/pms/fias/fias-codec.js';
import { serialChannel } from '../../../../central/src/pms/fias/fias-serial-channel.js';
import { recordingLogger } from '../../../support/recording-logger.js';
import { memoryPair, until } from './memory-stream.js';

const PA = 'PA|RN2781|ASOK|P#1732|DA000915|TI124254|';
const rec = (text: string): FiasRecord => {
  const r = parseRecord(text);
  assert.ok(r.ok);
  return r.record;
};
const frame = (text: string) => encodeFrame(rec(text), { lrc: true, encoding: 'latin1' });

function rig(ackTimeoutMs = 1_000) {
  const [ours, peer] = memoryPair();
  const logger = recordingLogger();
  const channel = serialChannel(ours, { ackTimeoutMs, encoding: 'latin1', logger });
  const heard: Buffer[] = [];
  peer.onData((b) => heard.push(b));
  const frames = () => heard.filter((b) => b.length > 1).length;
  const received: FiasRecord[] = [];
  channel.onRecord((r) => received.push(r));
  return { channel, peer, heard, frames, received, logger, close: () => peer.destroy() };
}

test('a frame goes out with its LRC and the send resolves on ACK', async (t) => {
  const r = rig();
  t.after(r.close);
  const sent = r.channel.send(rec(PA));
  await until(() => r.heard.length === 1);
  assert.deepEqual(r.heard, [frame(PA)]);
  await r.peer.write(Buffer.of(ACK));
  await sent;
});

test('on NAK the frame is repeated, at most 4 attempts, then discarded and logged', async (t) => {
  const r = rig();
  t.after(r.close);
  const ok = r.channel.send(rec(PA));
  for (let i = 1; i <= 3; i++) {
    await until(() => r.frames() === i);
    await r.peer.write(Buffer.of(NAK));
  }
  await until(() => r.frames() === 4);
  await r.peer.write(Buffer.of(ACK));
  await ok;
  assert.equal(r.frames(), 4);

  r.heard.length = 0;
  const failing = r.channel.send(rec(PA));
  const outcome = failing.then(
    () => null,
    (e: unknown) => e,
  );
  for (let i = 1; i <= 4; i++) {
    await until(() => r.frames() === i);
    await r.peer.write(Buffer.of(NAK));
  }
  const err = await outcome;
  assert.ok(err instanceof FiasSendError);
  assert.equal(err.maybeDelivered, false, 'four NAKs: the peer never took it');
  assert.equal(r.frames(), 4);
  assert.equal(r.logger.find('fias: record discarded after repeated NAK').length, 1);
});

test('no answer: ENQ asks for the last response; the frame itself is not sent twice', async (t) => {
  const r = rig(40);
  t.after(r.close);
  const sent = r.channel.send(rec(PA));
  await until(() => r.heard.length >= 2);
  assert.deepEqual(r.heard[1], Buffer.of(ENQ));
  await r.peer.write(Buffer.of(ACK));
  await sent;
  assert.equal(r.frames(), 1);
});

test('receiving: a good frame is ACKed and delivered, a bad LRC is NAKed and dropped', async (t) => {
  const r = rig();
  t.after(r.close);
  await r.peer.write(frame(PA));
  await until(() => r.heard.length === 1);
  assert.deepEqual(r.heard, [Buffer.of(ACK)]);
  assert.equal(r.received.length, 1);
  const bad = Buffer.from(frame(PA));
  bad[bad.length - 1] = (bad[bad.length - 1]! + 1) & 0xff;
  await r.peer.write(bad);
  await until(() => r.heard.length === 2);
  assert.deepEqual(r.heard[1], Buffer.of(NAK));
  assert.equal(r.received.length, 1);
});

test('ENQ repeats the last response; any other byte first resets it to NAK (p.95: no double postings)', async (t) => {
  const r = rig();
  t.after(r.close);
  await r.peer.write(frame(PA));
  await until(() => r.heard.length === 1);
  await r.peer.write(Buffer.of(ENQ));
  await until(() => r.heard.length === 2);
  assert.deepEqual(
    r.heard,
    [Buffer.of(ACK), Buffer.of(ACK)],
    'the lost ACK is repeated, the frame not re-read',
  );
  assert.equal(r.received.length, 1);
  await r.peer.write(Buffer.from('x'));
  await r.peer.write(Buffer.of(ENQ));
  await until(() => r.heard.length === 3);
  assert.deepEqual(r.heard[2], Buffer.of(NAK));
});
