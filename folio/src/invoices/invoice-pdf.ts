// A finalized invoice or credit note as a PDF (A4), from its stored document alone, with the same figures
// as the HTML page (invoice-html.ts): supplier and recipient, number, date, place of supply, every line with
// SAC, taxable value and taxes, tax breakup, totals, payments, amount in words and the signature block
// (CGST Rule 46). Long invoices break across pages and repeat the table header. Fonts (Noto Sans, Latin and
// Devanagari, which both carry ₹) are embedded from npm font packages, so any host renders the same PDF;
// the creation date is the finalization time, so a reprint is byte-identical.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CurrencyCode } from '../money/currency.js';
import { formatMinor } from '../money/format.js';
import type { InvoiceDocument, Party } from './invoice-document.js';
import { type InvoiceHtmlMeta, SECTION_TITLES, stateName } from './invoice-html.js';
import { woffToSfnt } from './woff-to-sfnt.js';

const require = createRequire(import.meta.url);
/** The part of fontkit (pdfkit's own font reader) used here: pdfkit takes a parsed font in place of bytes. */
type ParsedFont = { layout: (...args: unknown[]) => unknown };
/**
 * A font of an npm font package, unwrapped from WOFF (see woff-to-sfnt.ts for why) and parsed once per
 * process: pdfkit would otherwise parse every font's tables again for each document, and lose fontkit's
 * glyph and layout caches with it. Each document still embeds its own subset, so output is unchanged.
 * fontkit (with restructure, brotli and its Unicode tables, several MB) is required at the first PDF,
 * not when the module loads: the edge and central import this module and most never render a PDF.
 */
const fontFile = (pkg: string, file: string) =>
  (require('fontkit') as { create(buffer: Buffer): ParsedFont }).create(
    woffToSfnt(readFileSync(require.resolve(`${pkg}/files/${file}`))),
  );

interface Fonts {
  latin: ParsedFont;
  latinBold: ParsedFont;
  latinExt: ParsedFont;
  deva: ParsedFont;
  devaBold: ParsedFont;
}
let fonts: Fonts | null = null;
function loadFonts(): Fonts {
  fonts ??= {
    latin: fontFile('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff'),
    latinBold: fontFile('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff'),
    latinExt: fontFile('@fontsource/noto-sans', 'noto-sans-latin-ext-400-normal.woff'),
    deva: fontFile('@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari-400-normal.woff'),
    devaBold: fontFile('@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari-700-normal.woff'),
  };
  return fonts;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const BOTTOM = A4.height - MARGIN - 20;
/** Columns of the line table: #, date, description, SAC, taxable value, tax, amount. */
const COLS = [
  { x: MARGIN, w: 20, align: 'left' },
  { x: MARGIN + 20, w: 58, align: 'left' },
  { x: MARGIN + 78, w: 170, align: 'left' },
  { x: MARGIN + 248, w: 45, align: 'left' },
  { x: MARGIN + 293, w: 70, align: 'right' },
  { x: MARGIN + 363, w: 82, align: 'right' },
  { x: MARGIN + 445, w: 70, align: 'right' },
] as const;

/** Text split into runs by the font that has its glyphs: Devanagari and ₹, Latin, Latin extended. */
function runs(text: string, bold: boolean): Array<{ font: string; text: string }> {
  const out: Array<{ font: string; text: string }> = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const deva = (cp >= 0x0900 && cp <= 0x097f) || cp === 0x20b9 || cp === 0x200c || cp === 0x200d;
    const latin = cp <= 0xff || (cp >= 0x2000 && cp <= 0x206f) || cp === 0x20ac || cp === 0x2122;
    const font = deva ? (bold ? 'deva-bold' : 'deva') : latin ? (bold ? 'latin-bold' : 'latin') : 'latin-ext';
    const last = out[out.length - 1];
    if (last && last.font === font) last.text += ch;
    else out.push({ font, text: ch });
  }
  return out;
}

// pdfkit and its font tables hold ~28 MB once loaded: imported at the first PDF, not at start.
const importPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof importPdfkit> | undefined;

/** Renders the PDF; resolves with its bytes. */
export async function invoicePdf(doc: InvoiceDocument, meta: InvoiceHtmlMeta): Promise<Buffer> {
  pdfkit ??= importPdfkit();
  const { default: PDFDocument } = await pdfkit;
  const f = loadFonts();
  const locale = doc.currency === 'INR' ? 'en-IN' : 'en-US';
  const money = (minor: number) => formatMinor(minor, doc.currency as CurrencyCode, locale);
  const percent = (rate: string | null) => (rate === null ? '' : `${+(Number(rate) * 100).toFixed(4)}%`);
  const gst = doc.regime === 'IN_GST';
  const credit = doc.kind === 'CREDIT_NOTE';
  const title = credit ? 'Credit Note' : gst ? 'Tax Invoice' : 'Invoice';
  const number = doc.number ?? 'DRAFT';

  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
    compress: true,
    info: {
      Title: `${title} ${number}`,
      Author: doc.supplier.name,
      Producer: 'roompost',
      Creator: 'roompost',
      CreationDate: new Date(meta.finalizedAt),
      ModDate: new Date(meta.finalizedAt),
    },
  });
  // pdfkit accepts a parsed fontkit font where its types say bytes (PDFFontFactory.open: `src.layout`).
  const register = (name: string, font: ParsedFont) => pdf.registerFont(name, font as unknown as Buffer);
  register('latin', f.latin);
  register('latin-bold', f.latinBold);
  register('latin-ext', f.latinExt);
  register('deva', f.deva);
  register('deva-bold', f.devaBold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  /**
   * Writes text at (x, y) within width, one font per script run; returns its height. A line in one font
   * wraps within the width; a line mixing fonts (₹ or Devanagari among Latin) is laid out run by run on
   * one line, right-aligned when asked.
   */
  const write = (
    text: string,
    x: number,
    y: number,
    opts: { width: number; align?: 'left' | 'right'; size?: number; bold?: boolean },
  ): number => {
    pdf.fontSize(opts.size ?? 8.5);
    let top = y;
    for (const line of text.split('\n')) {
      const parts = runs(line, opts.bold ?? false);
      if (parts.length <= 1) {
        pdf.font(parts[0]?.font ?? 'latin');
        const options = { width: opts.width, align: opts.align ?? 'left' };
        pdf.text(line, x, top, options);
        top += pdf.heightOfString(line || ' ', options);
        continue;
      }
      const widths = parts.map((p) => pdf.font(p.font).widthOfString(p.text));
      const total = widths.reduce((a, w) => a + w, 0);
      let cx = opts.align === 'right' ? x + opts.width - total : x;
      parts.forEach((p, i) => {
        pdf.font(p.font).text(p.text, cx, top, { lineBreak: false });
        cx += widths[i]!;
      });
      top += pdf.currentLineHeight(true);
    }
    return top - y;
  };

  let page = 1;
  const tableHeader = (y: number): number => {
    const heads = ['#', 'Date', 'Description', 'SAC', 'Taxable value', 'Tax', 'Amount'];
    heads.forEach((h, i) => {
      const c = COLS[i]!;
      write(h.toUpperCase(), c.x, y, { width: c.w, align: c.align, size: 7.5, bold: true });
    });
    pdf
      .moveTo(MARGIN, y + 12)
      .lineTo(A4.width - MARGIN, y + 12)
      .lineWidth(1)
      .stroke();
    return y + 16;
  };
  const newPage = (): number => {
    pdf.addPage();
    page += 1;
    write(`${title} ${number} (continued) - page ${page}`, MARGIN, MARGIN, {
      width: 400,
      size: 8,
      bold: true,
    });
    return tableHeader(MARGIN + 18);
  };

  // Header: title, number, date, place of supply; supplier and recipient.
  let y = MARGIN;
  write(title, MARGIN, y, { width: 300, size: 18, bold: true });
  const metaRows: Array<[string, string]> = [
    ['No.', number],
    ['Date', doc.issueDate],
    ...(doc.placeOfSupply
      ? ([['Place of supply', `${stateName(doc.placeOfSupply) ?? ''} (${doc.placeOfSupply})`]] as Array<
          [string, string]
        >)
      : []),
    ['Currency', doc.currency],
  ];
  metaRows.forEach(([k, v], i) => {
    write(k, 360, y + i * 12, { width: 70, size: 8.5 });
    write(v, 430, y + i * 12, { width: 125, size: 8.5, bold: true });
  });
  y += 26;
  if (credit && doc.creditsInvoiceNumber) {
    write(`against invoice ${doc.creditsInvoiceNumber}${doc.reason ? `: ${doc.reason}` : ''}`, MARGIN, y, {
      width: 300,
    });
  }
  if (meta.creditedBy) write(`Cancelled by credit note ${meta.creditedBy}`, MARGIN, y + 12, { width: 300 });
  y = Math.max(y + 28, MARGIN + metaRows.length * 12 + 8);
  const party = (label: string, p: Party, x: number): number => {
    let py = y;
    py += write(label.toUpperCase(), x, py, { width: 250, size: 7.5, bold: true }) + 2;
    py += write(p.name, x, py, { width: 250, size: 10, bold: true }) + 1;
    if (p.address) py += write(p.address, x, py, { width: 250 }) + 1;
    if (p.gstin) py += write(`GSTIN ${p.gstin}`, x, py, { width: 250 }) + 1;
    else if (gst) py += write('Unregistered (no GSTIN)', x, py, { width: 250 }) + 1;
    if (p.stateCode)
      py += write(`State ${stateName(p.stateCode) ?? ''} (code ${p.stateCode})`, x, py, { width: 250 }) + 1;
    return py;
  };
  y = Math.max(
    party('Supplier', doc.supplier, MARGIN),
    party(credit ? 'Credited to' : 'Billed to', doc.billTo, 300),
  );
  y = tableHeader(y + 12);

  doc.lines.forEach((line, i) => {
    const taxes = line.taxes.map((t) => `${t.code} ${percent(t.rate)}: ${money(t.amountMinor)}`).join('\n');
    const lineTotal = line.amountMinor + line.taxes.reduce((sum, t) => sum + t.amountMinor, 0);
    const cells = [
      String(i + 1),
      line.serviceDate,
      `${line.description}\n${SECTION_TITLES[line.section]}`,
      line.sac ?? '',
      money(line.amountMinor),
      taxes || (line.category === 'TIP' ? 'not taxed' : ''),
      money(lineTotal),
    ];
    pdf.fontSize(8.5).font('latin');
    const height =
      Math.max(
        ...cells.map((c, k) =>
          c.split('\n').reduce((h, l) => h + pdf.heightOfString(l || ' ', { width: COLS[k]!.w }), 0),
        ),
      ) + 4;
    if (y + height > BOTTOM) y = newPage();
    cells.forEach((c, k) => {
      const col = COLS[k]!;
      write(c, col.x, y, { width: col.w, align: col.align });
    });
    y += height;
    pdf
      .moveTo(MARGIN, y - 2)
      .lineTo(A4.width - MARGIN, y - 2)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke()
      .strokeColor('#000000');
  });

  // Totals, breakup, payments, words, signature: kept together on the last page.
  const rows: Array<[string, string, boolean?]> = [
    ...doc.sections.map(
      (s) =>
        [
          `${SECTION_TITLES[s.section]}${s.category && s.section === 'SURCHARGES' ? ` (${s.category.toLowerCase().replace('_', ' ')})` : ''}`,
          money(s.totalMinor),
        ] as [string, string],
    ),
    ...doc.taxBreakup.map(
      (r) => [`${r.label} on ${money(r.taxableMinor)}`, money(r.amountMinor)] as [string, string],
    ),
    ['Subtotal before tax', money(doc.subtotalMinor)],
    ['Tax', money(doc.taxTotalMinor)],
    ['Total', money(doc.grandTotalMinor), true],
    ...doc.payments.map((p) => [`${p.date} ${p.description}`, money(p.amountMinor)] as [string, string]),
    ...(doc.payments.length > 0
      ? ([['Received', money(doc.paymentsTotalMinor)]] as Array<[string, string]>)
      : []),
    ['Balance due', money(doc.balanceDueMinor), true],
  ];
  const needed = rows.length * 13 + 140;
  if (y + needed > BOTTOM) y = newPage() - 16;
  y += 10;
  for (const [label, value, bold] of rows) {
    write(label, 300, y, { width: 160, bold: bold ?? false, size: bold ? 10 : 8.5 });
    write(value, 460, y, { width: 95, align: 'right', bold: bold ?? false, size: bold ? 10 : 8.5 });
    y += bold ? 15 : 12;
  }
  y += 8;
  y += write(`Amount in words: ${doc.amountInWords}`, MARGIN, y, { width: A4.width - 2 * MARGIN }) + 18;
  write(`For ${doc.supplier.name}`, 360, y, { width: 195, align: 'right', bold: true });
  y += 40;
  pdf
    .moveTo(400, y)
    .lineTo(A4.width - MARGIN, y)
    .lineWidth(0.8)
    .stroke();
  write('Authorised Signatory', 400, y + 3, { width: 155, align: 'right' });
  y += 24;
  if (gst) {
    y += write(
      'Tax on each line is computed per line and per component and rounded half-up to the paisa. Tax is not payable on reverse charge.',
      MARGIN,
      y,
      { width: A4.width - 2 * MARGIN, size: 7 },
    );
  }
  write(
    `Finalized ${meta.finalizedAt} by ${meta.finalizedBy}. This document is immutable; corrections are made by credit note.`,
    MARGIN,
    y + 2,
    { width: A4.width - 2 * MARGIN, size: 7 },
  );
  pdf.end();
  return done;
}
