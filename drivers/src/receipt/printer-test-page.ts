import { escapeReceiptText as esc } from './receiptline-escape.js';

export interface PrinterTestPage {
  propertyName: string;
  outletName: string;
  /** The edge's device id, so a page found later says which appliance printed it. */
  device: string;
  /** Already formatted in the outlet's locale and time zone. */
  printedAt: string;
  /** Who asked for it from the service screen (name or employee id). */
  requestedBy: string;
  /** An amount in the outlet's currency, already formatted: shows the code page prints its symbol. */
  sampleAmount: string;
}

/**
 * The service screen's test page: columns, emphasis, double size, a rule, the currency's symbol
 * and a QR code, so one glance shows the printer, its paper and its code page work. Nothing on it
 * is a charge.
 */
export function printerTestPage(page: PrinterTestPage): string {
  const lines = [
    `"^^${esc(page.propertyName)}`,
    esc(page.outletName),
    '',
    '"^^PRINTER TEST',
    'Not a receipt: nothing was charged',
    '-',
    `Device | ${esc(page.device)}`,
    `Printed | ${esc(page.printedAt)}`,
    `By | ${esc(page.requestedBy)}`,
    '-',
    '"Bold" _underline_ `invert`',
    `Amount | ${esc(page.sampleAmount)}`,
    '1234567890123456789012345678901234567890',
    '',
    `{code:roompost-test-${esc(page.device).replace(/[^A-Za-z0-9-]/g, '')}; option:qrcode,4,l}`,
    '',
    'End of test page',
  ];
  return `${lines.join('\n')}\n`;
}
