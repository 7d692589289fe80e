// SOAP 1.2 envelopes in and out, with the same guard JSON answers get: an answer that is not a
// well-formed SOAP envelope (an HTML error page, a truncated body) is a lost answer, never data.
import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';
import { type HttpAnswer, lostAnswer } from '../http/http-client.js';

export const SOAP_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** WS-Addressing 1.0 (W3C 2005/08), as HTNG's asynchronous pattern uses it. */
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
/** HTNG Property Web Services asynchronous headers (CorrelationID, ReplyTo, RelatesToCorrelationID). */
export const HTNGA_NS = 'http://htng.org/PWSWG/2007/02/AsyncHeaders';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

/**
 * fast-xml-parser is loaded at the first SOAP message (its CommonJS build, so that these functions stay
 * synchronous), not at start: only an HTNG property needs it.
 */
let fxp: typeof Fxp | undefined;
const xmlLib = (): typeof Fxp => {
  fxp ??= createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
  return fxp;
};

const builder = () =>
  new (xmlLib().XMLBuilder)({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    suppressEmptyNode: true,
    format: false,
    suppressBooleanAttributes: false,
  });
const parser = () =>
  new (xmlLib().XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    // Lists that may hold one element must always parse as arrays.
    isArray: (name) => ['HotelReservation', 'Error', 'Warning', 'ResGuest'].includes(name),
  });

/**
 * `{ RootName: { '@_attr': …, Child: … } }` wrapped in a SOAP 1.2 envelope, with header blocks
 * (already prefixed `wsa:`, `htnga:`, `wsse:`) when given.
 */
export function envelope(body: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const xml = builder().build({
    'soap:Envelope': {
      '@_xmlns:soap': SOAP_NS,
      '@_xmlns:wsa': WSA_NS,
      '@_xmlns:htnga': HTNGA_NS,
      '@_xmlns:wsse': WSSE_NS,
      'soap:Header': Object.keys(header).length ? header : '',
      'soap:Body': body,
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}

export type XmlNode = Record<string, unknown>;

/** The first element inside soap:Body, or the SOAP fault, as parsed objects (namespaces removed). */
export function readEnvelope(
  answer: HttpAnswer,
  o: { allowEmptyBody?: boolean } = {},
): { name: string; node: XmlNode } {
  const type = answer.headers.get('content-type') ?? '';
  const text = answer.text.trim();
  const unreadable = (why: string) =>
    lostAnswer(answer.kind, why, { status: answer.status, contentType: type, bodyStart: text.slice(0, 80) });
  if (!/xml/i.test(type) && !text.startsWith('<?xml') && !text.startsWith('<soap')) {
    throw unreadable(`the PMS answered ${type || 'untyped'} where SOAP was expected`);
  }
  if (xmlLib().XMLValidator.validate(text) !== true) throw unreadable('the PMS answered malformed XML');
  const doc = parser().parse(text) as XmlNode;
  const body = (doc.Envelope as XmlNode | undefined)?.Body as XmlNode | undefined;
  const [name, node] = Object.entries(body ?? {}).find(([k]) => !k.startsWith('@_')) ?? [];
  if (!name && o.allowEmptyBody && doc.Envelope !== undefined) return { name: '', node: {} };
  if (!name || node === null || typeof node !== 'object') throw unreadable('the SOAP body is empty');
  return { name, node: node as XmlNode };
}

export function attr(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function child(node: unknown, ...path: string[]): unknown {
  let at: unknown = node;
  for (const key of path) {
    if (Array.isArray(at)) at = at[0];
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as XmlNode)[key];
  }
  return at;
}

export function list(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

export function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object' && typeof (node as XmlNode)['#text'] === 'string') {
    return (node as XmlNode)['#text'] as string;
  }
  return '';
}

/** A SOAP message as received: its header blocks (namespaces removed) and the first body element. */
export function parseRequest(xml: string): { name: string; node: XmlNode; header: XmlNode } | null {
  if (xmlLib().XMLValidator.validate(xml) !== true) return null;
  const doc = parser().parse(xml) as XmlNode;
  const env = doc.Envelope as XmlNode | undefined;
  const body = env?.Body as XmlNode | undefined;
  const header = env?.Header && typeof env.Header === 'object' ? (env.Header as XmlNode) : {};
  const [name, node] = Object.entries(body ?? {}).find(([k]) => !k.startsWith('@_')) ?? [];
  return name && node && typeof node === 'object' ? { name, node: node as XmlNode, header } : null;
}
