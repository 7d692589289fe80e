// FIAS records and frames (Oracle HGBU-IFC8-FIAS 2.20.23, pp.20–23, 91–98). Pure: no I/O, no clock.
// A record is `RI|F1data|F2data|…|`: a 2-character record id, then fields that are a 2-character
// field id glued to their data. Fields may repeat (PL carries one RN|G#|GN block per guest) and
// their order is not significant (p.23), so a record keeps them as an ordered list of pairs.

export const STX = 0x02;
export const ETX = 0x03;
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;

export type FiasEncoding = 'latin1' | 'utf8';

export interface FiasRecord {
  type: string;
  fields: Array<[code: string, value: string]>;
}

/** Record types this interface knows (link, database sync, guest, night audit, postings). */
export const KNOWN_RECORD_TYPES: ReadonlySet<string> = new Set([
  'LS',
  'LD',
  'LR',
  'LA',
  'LE',
  'LC',
  'DR',
  'DS',
  'DE',
  'GI',
  'GO',
  'GC',
  'NS',
  'NE',
  'PS',
  'PR',
  'PL',
  'PA',
]);

const RECORD_ID = /^[A-Z0-9]{2}$/;
const FIELD_ID = /^[A-Z0-9#$+]{2}$/;
// Data may not hold the separator nor any control byte (STX, ETX, ENQ, ACK, NAK frame a record, p.93).
function isForbidden(code: number): boolean {
  return code === 0x7c || code < 0x20 || code === 0x7f;
}

function hasForbidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isForbidden(text.charCodeAt(i))) return true;
  return false;
}

export type ParseResult = { ok: true; record: FiasRecord } | { ok: false; reason: string };

export function parseRecord(text: string): ParseResult {
  const parts = text.split('|');
  const type = parts[0] ?? '';
  if (!RECORD_ID.test(type)) return { ok: false, reason: `invalid record id ${JSON.stringify(type)}` };
  // A well-formed record ends with the separator, so the last piece is empty.
  if (parts.length < 2 || parts[parts.length - 1] !== '') {
    return { ok: false, reason: 'record does not end with |' };
  }
  const fields: FiasRecord['fields'] = [];
  for (const part of parts.slice(1, -1)) {
    const code = part.slice(0, 2);
    if (!FIELD_ID.test(code)) return { ok: false, reason: `invalid field ${JSON.stringify(part)}` };
    fields.push([code, part.slice(2)]);
  }
  return { ok: true, record: { type, fields } };
}

export function serializeRecord(record: FiasRecord): string {
  if (!RECORD_ID.test(record.type)) throw new RangeError(`invalid record id ${record.type}`);
  let out = `${record.type}|`;
  for (const [code, value] of record.fields) {
    if (!FIELD_ID.test(code)) throw new RangeError(`invalid field id ${code}`);
    if (hasForbidden(value)) throw new RangeError(`field ${code} holds a separator or control byte`);
    out += `${code}${value}|`;
  }
  return out;
}

/** Builds a record from pairs, skipping undefined values (optional fields). */
export function record(type: string, fields: Array<[string, string | undefined]>): FiasRecord {
  return { type, fields: fields.filter((f): f is [string, string] => f[1] !== undefined) };
}

/** The first value of a field, or undefined when absent. */
export function field(rec: FiasRecord, code: string): string | undefined {
  return rec.fields.find(([c]) => c === code)?.[1];
}

export function hasField(rec: FiasRecord, code: string): boolean {
  return rec.fields.some(([c]) => c === code);
}

/** Replaces what a field may not carry; for free text such as CT or GN. */
export function cleanText(text: string, max: number): string {
  let out = '';
  for (const ch of text) out += isForbidden(ch.charCodeAt(0)) ? ' ' : ch;
  return out.slice(0, max);
}

/**
 * LRC (p.93–94): XOR of every byte after STX up to and including ETX, sent as one byte after ETX.
 * The spec's worked example `<STX>12345<ETX>` gives `2`.
 */
export function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x ^ ETX;
}

export function encodeFrame(rec: FiasRecord, opts: { lrc: boolean; encoding: FiasEncoding }): Buffer {
  const body = Buffer.from(serializeRecord(rec), opts.encoding);
  const out = Buffer.alloc(body.length + (opts.lrc ? 3 : 2));
  out[0] = STX;
  body.copy(out, 1);
  out[body.length + 1] = ETX;
  if (opts.lrc) out[body.length + 2] = lrc(body);
  return out;
}

/** A record as one log-friendly line (never holds secrets: FIAS carries none but the CG cryptogram). */
export function describe(rec: FiasRecord): string {
  const shown = rec.fields.filter(([c]) => c !== 'CG').map(([c, v]) => `${c}${v}|`);
  return `${rec.type}|${shown.join('')}`;
}
