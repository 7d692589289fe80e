import { transform } from 'receiptline';

/** 42 columns: Font A on 80 mm paper at 576 dots (the usual outlet printer). */
export const DEFAULT_CPL = 42;

/**
 * The document as plain text, `cpl` columns wide, using receiptline's own `text` command set. Text
 * decoration (bold, underline, invert) does not show; double-width text comes out letter-spaced
 * ("T O T A L"), double-height text unchanged. Trailing spaces are trimmed from every line.
 */
/** A reprint says so on paper, first and last, so it cannot pass for a second original. */
export function markCopy(document: string): string {
  return `*** COPY ***\n${document.replace(/\n*$/, '\n')}*** COPY ***\n`;
}

export function renderReceiptText(document: string, cpl: number = DEFAULT_CPL): string {
  const text = transform(document, { cpl, command: 'text' });
  return text.replace(/[ \t]+$/gm, '');
}

/**
 * The document as an SVG image for the kiosk preview, via receiptline's `svg` command set. Note
 * that receiptline's SVG `@import`s a Google web font (an offline kiosk falls back to its local
 * monospace font) and carries a random element id, so two renders of one document differ.
 */
export function renderReceiptSvg(document: string, cpl: number = DEFAULT_CPL): string {
  return transform(document, { cpl, command: 'svg' });
}
