// The room charge receipt carries the guest's captured signature as an image (a signature line
// when there is none, or when the image cannot print), and the service screen's printer test page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  printerTestPage,
  renderReceiptSvg,
  renderReceiptText,
  roomChargeReceipt,
  SIGNATURE_MAX_WIDTH,
  signaturePngProblem,
} from '@roompost/drivers';
import { transform } from 'receiptline';
import { formatUsd, sampleReceipt } from './receipt-fixtures.js';
import { decodeEscPos } from './support/escpos-decoder.js';
import { pngBase64, signatureStroke } from './support/tiny-png.js';

const signature = pngBase64(200, 60, signatureStroke(200, 60));
const escpos = (document: string) =>
  decodeEscPos(Buffer.from(transform(document, { cpl: 42, encoding: 'cp858', command: 'escpos' }), 'binary'));

describe('signature on the room charge receipt', () => {
  it('prints the signature PNG as a raster image of its own size, and no signature line', () => {
    const document = roomChargeReceipt(sampleReceipt({ signaturePng: signature }), formatUsd);
    assert.match(document, /^\{image:[A-Za-z0-9+/]+=*\}$/m);
    const printed = escpos(document);
    assert.deepEqual(printed.unknown, []);
    assert.equal(printed.images.length, 1);
    const image = printed.images[0]!;
    assert.deepEqual([image.width, image.height], [200, 60]);
    assert.equal(image.dots[59]![100], true, 'the baseline is black');
    assert.equal(image.dots[5]![150], false, 'paper away from the stroke stays white');
    assert.match(printed.text, /Guest signature/);
    assert.doesNotMatch(printed.text, /X_{10}/);
  });

  it('shows the image in the SVG preview; the text rendering keeps the caption only', () => {
    const document = roomChargeReceipt(sampleReceipt({ signaturePng: signature }), formatUsd);
    assert.match(renderReceiptSvg(document), /<image href="data:image\/png;base64,/);
    const text = renderReceiptText(document);
    assert.match(text, /Guest signature/);
    assert.doesNotMatch(text, /X___/);
  });

  it('without a signature image prints the signature line when asked, nothing when not', () => {
    assert.match(
      renderReceiptText(roomChargeReceipt(sampleReceipt({ signature: 'line' }), formatUsd)),
      /X_{30}/,
    );
    assert.doesNotMatch(renderReceiptText(roomChargeReceipt(sampleReceipt(), formatUsd)), /Guest signature/);
  });

  it('an image that cannot print falls back to the signature line, and says why', () => {
    const wide = pngBase64(SIGNATURE_MAX_WIDTH + 1, 10, () => true);
    for (const [bad, reason] of [
      [wide, /385 dots wide/],
      [Buffer.from('GIF89a not a png at all, no').toString('base64'), /not a PNG/],
      ['***', /not base64/],
      ['', /not base64/],
    ] as const) {
      assert.match(signaturePngProblem(bad) ?? '', reason);
      const printed = escpos(roomChargeReceipt(sampleReceipt({ signaturePng: bad }), formatUsd));
      assert.equal(printed.images.length, 0);
      assert.match(printed.text, /X_{30}/);
    }
    assert.equal(signaturePngProblem(signature), null);
  });
});

describe('printer test page', () => {
  it('names the device, who asked, says nothing was charged, and prints the currency symbol and a QR code', () => {
    const document = printerTestPage({
      propertyName: 'Harbour View Hotel',
      outletName: 'Pool Bar',
      device: 'edge-pool-1',
      printedAt: '22/11/2026 04:10',
      requestedBy: 'Maria | manager',
      sampleAmount: '€1.48',
    });
    const text = renderReceiptText(document);
    assert.match(text, /P ?R ?I ?N ?T ?E ?R +T ?E ?S ?T/);
    assert.match(text, /nothing was charged/);
    assert.match(text, /^Device +edge-pool-1$/m);
    assert.match(text, /^By +Maria \| manager$/m);
    const printed = escpos(document);
    assert.deepEqual(printed.unknown, []);
    assert.match(printed.text, /€1\.48/);
    assert.equal(printed.images.length, 1, 'the QR code prints as an image');
    assert.equal(printed.cuts, 1);
  });
});
