// The invoice PDF's fonts are unwrapped from WOFF once (folio/src/invoices/woff-to-sfnt.ts): the sfnt must be
// the same font to a reader (fontkit, as pdfkit uses it): same glyph count, names, and the same glyph
// outlines and advance widths for ₹, Latin and Devanagari text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { woffToSfnt } from '../../../folio/src/invoices/woff-to-sfnt.js';

const require = createRequire(import.meta.url);
/** The part of fontkit (pdfkit's font reader, untyped) this test reads. */
interface Glyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string };
}
interface Font {
  numGlyphs: number;
  postscriptName: string;
  layout(text: string): { glyphs: Glyph[] };
}
const fontkit = require('fontkit') as { create(buffer: Buffer): Font };
const file = (pkg: string, name: string) => readFileSync(require.resolve(`${pkg}/files/${name}`));

for (const [pkg, name, sample] of [
  ['@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff', 'Tax Invoice 1,23,456.78'],
  ['@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari-700-normal.woff', 'कर बीजक ₹'],
] as const) {
  test(`${name} unwrapped to sfnt lays out the same glyphs as the WOFF`, () => {
    const woff = file(pkg, name);
    const sfnt = woffToSfnt(woff);
    assert.equal(sfnt.readUInt32BE(0), 0x00010000, 'TrueType flavor');
    const a = fontkit.create(woff);
    const b = fontkit.create(sfnt);
    assert.equal(b.numGlyphs, a.numGlyphs);
    assert.equal(b.postscriptName, a.postscriptName);
    const ra = a.layout(sample);
    const rb = b.layout(sample);
    assert.deepEqual(
      rb.glyphs.map((g) => [g.id, g.advanceWidth, g.path.toSVG()]),
      ra.glyphs.map((g) => [g.id, g.advanceWidth, g.path.toSVG()]),
    );
    assert.ok(rb.glyphs.length > 5);
  });
}

test('a file that is not WOFF 1.0 is refused, not guessed at', () => {
  assert.throws(
    () => woffToSfnt(Buffer.from('wOF2 is a different format, not WOFF 1.0 at all.....')),
    /WOFF/,
  );
});
