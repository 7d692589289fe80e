// The streaming decoder against what TCP and serial lines really deliver (FIAS 2.20.23 pp.93–98).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACK,
  ENQ,
  ETX,
  encodeFrame,
  lrc,
  NAK,
  parseRecord,
  STX,
} from '../../../../central/src/pms/fias/fias-codec.js';
import { type DecodedEvent, FrameDecoder } from '../../../../central/src/pms/fias/fias-frame-decoder.js';

const frame = (text: string, withLrc = false) => {
  const r = parseRecord(text);
  assert.ok(r.ok);
  return encodeFrame(r.record, { lrc: withLrc, encoding: 'latin1' });
};
const payloads = (events: DecodedEvent[]) =>
  events
    .filter((e) => e.kind === 'frame')
    .map((e) => (e.kind === 'frame' ? e.payload.toString('latin1') : ''));
const drops = (events: DecodedEvent[]) =>
  events.filter((e) => e.kind === 'dropped').map((e) => (e.kind === 'dropped' ? e.reason : ''));

const PA = 'PA|RN2781|ASOK|P#1732|DA000915|TI124254|';
const PL = 'PL|SO123|WS456|IDELI|RN2781|G#12345|GNGuest, Mr.|P#1734|';

test('a record split across reads, down to one byte per read, comes out whole once', () => {
  const d = new FrameDecoder({ lrc: true, controlBytes: false });
  const bytes = frame(PA, true);
  const events: DecodedEvent[] = [];
  for (const b of bytes) events.push(...d.push(Buffer.of(b)));
  assert.deepEqual(payloads(events), [PA]);
  assert.deepEqual(drops(events), []);
});

test('two records in one read come out as two, in order', () => {
  const d = new FrameDecoder({ lrc: false, controlBytes: false });
  const events = d.push(Buffer.concat([frame(PL), frame(PA)]));
  assert.deepEqual(payloads(events), [PL, PA]);
});

test('garbage between frames is dropped with its reason and does not hurt the frames around it', () => {
  const d = new FrameDecoder({ lrc: false, controlBytes: false });
  const events = d.push(Buffer.concat([Buffer.from('xx\r\n'), frame(PL), Buffer.from('noise'), frame(PA)]));
  assert.deepEqual(payloads(events), [PL, PA]);
  assert.deepEqual(drops(events), ['bytes outside a frame', 'bytes outside a frame']);
});

test('a wrong LRC drops the frame with the reason; the next frame still decodes', () => {
  const d = new FrameDecoder({ lrc: true, controlBytes: false });
  const bad = Buffer.from(frame(PA, true));
  bad[bad.length - 1] = (bad[bad.length - 1]! ^ 0xff) & 0xff;
  const events = d.push(Buffer.concat([bad, frame(PL, true)]));
  assert.deepEqual(payloads(events), [PL]);
  assert.match(drops(events)[0] ?? '', /^wrong LRC/);
});

test('an LRC byte that equals STX or ETX is found by position, not by value', () => {
  // Find records whose LRC is STX and ETX, then decode them back to back.
  const withLrc = (target: number) => {
    for (let n = 1; n < 100_000; n++) {
      const text = `PA|ASOK|P#${n}|`;
      if (lrc(Buffer.from(text)) === target) return text;
    }
    throw new Error('none found');
  };
  const a = withLrc(STX);
  const b = withLrc(ETX);
  const d = new FrameDecoder({ lrc: true, controlBytes: false });
  assert.deepEqual(payloads(d.push(Buffer.concat([frame(a, true), frame(b, true)]))), [a, b]);
});

test('an STX inside a frame (its ETX lost) drops the broken frame and keeps the new one', () => {
  const d = new FrameDecoder({ lrc: false, controlBytes: false });
  const events = d.push(Buffer.concat([Buffer.from([STX]), Buffer.from('PA|ASO'), frame(PA)]));
  assert.deepEqual(payloads(events), [PA]);
  assert.deepEqual(drops(events), ['STX inside a frame (ETX lost)']);
});

test('an endless frame is cut at the size limit', () => {
  const d = new FrameDecoder({ lrc: false, controlBytes: false, maxFrameBytes: 16 });
  const events = d.push(Buffer.concat([Buffer.from([STX]), Buffer.alloc(40, 0x41)]));
  assert.deepEqual(drops(events)[0], 'frame too long');
});

test('on a serial line ACK/NAK/ENQ outside frames are link control; inside a frame they are data', () => {
  const d = new FrameDecoder({ lrc: true, controlBytes: true });
  const events = d.push(Buffer.concat([Buffer.of(ACK, NAK, ENQ), frame(PA, true)]));
  assert.deepEqual(
    events.filter((e) => e.kind === 'control').map((e) => (e.kind === 'control' ? e.byte : -1)),
    [ACK, NAK, ENQ],
  );
  assert.deepEqual(payloads(events), [PA]);
});

test('a stream that ends inside a frame drops the remainder with a reason', () => {
  const d = new FrameDecoder({ lrc: false, controlBytes: false });
  assert.deepEqual(d.push(Buffer.concat([Buffer.from([STX]), Buffer.from('PA|AS')])), []);
  assert.deepEqual(drops(d.end()), ['stream ended inside a frame']);
});
