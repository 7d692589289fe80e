// Every topic lives under the device's own prefix, so the broker's ACL is one rule:
// a device publishes and subscribes only below `roompost/v1/{property}/{device}/`.
// MQTT 3.1.1 only (aedes 1.x): correlation ids travel in payloads, never as MQTT 5 properties.

export const CONTRACT_VERSION = 1 as const;

/** The message kinds of the edge–central contract, and who publishes each. */
export const TOPIC_KINDS = {
  /** edge → central: a room charge, re-published until central answers with a charge status. */
  charge: 'charge',
  /** central → edge: where a charge stands (accepted, posted, rejected, queued). */
  chargeStatus: 'charge-status',
  /**
   * edge → central: the edge stored these charge statuses. Central sends a final status (posted,
   * failed, rejected, voided, withdrawn) again until the edge has acknowledged it.
   */
  chargeStatusAck: 'charge-status-ack',
  /** edge → central: a request (room or credential lookup) with a correlation id. */
  rpcRequest: 'rpc/request',
  /** central → edge: the answer to one request, same correlation id. */
  rpcResponse: 'rpc/response',
  /** edge → central, retained, plus the Last Will: is the device online. */
  presence: 'presence',
  /** edge → central, retained, every half minute: the device's health for the fleet page. */
  status: 'status',
  /** central → edge, retained: the outlet's catalog changed to this version (the edge then asks for it). */
  catalogVersion: 'catalog-version',
  /** central → edge, retained: the whole in-house roster for the offline stand-in (roster.ts). */
  roster: 'roster',
  /** central → edge, not retained: roster entries that changed since the snapshot. */
  rosterDelta: 'roster-delta',
  /** edge → central: the outlet's own ledger of one business day, re-published until acknowledged. */
  dailySummary: 'daily-summary',
  /** central → edge: central stored this summary (business date and digest). */
  dailySummaryAck: 'daily-summary-ack',
  /** central → edge, retained: whether central can reach the PMS, so every outlet's header tells the truth. */
  pmsStatus: 'pms-status',
} as const;

export type TopicKind = keyof typeof TOPIC_KINDS;

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

export function assertTopicSegment(name: string, value: string): void {
  if (!SEGMENT.test(value)) {
    throw new TypeError(`${name} "${value}" may only hold letters, digits, "-" and "_" (1–64 characters)`);
  }
}

export function devicePrefix(property: string, device: string): string {
  assertTopicSegment('property', property);
  assertTopicSegment('device', device);
  return `roompost/v1/${property}/${device}/`;
}

export function topicFor(kind: TopicKind, property: string, device: string): string {
  return devicePrefix(property, device) + TOPIC_KINDS[kind];
}

/** Central subscribes to one kind for every device of its property. */
export function wildcardFor(kind: TopicKind, property: string): string {
  assertTopicSegment('property', property);
  return `roompost/v1/${property}/+/${TOPIC_KINDS[kind]}`;
}

export interface ParsedTopic {
  property: string;
  device: string;
  kind: TopicKind;
}

const KIND_BY_SUFFIX = new Map<string, TopicKind>(
  Object.entries(TOPIC_KINDS).map(([kind, suffix]) => [suffix, kind as TopicKind]),
);

/** Reads a topic back into its parts; undefined when it is not one of ours. */
export function parseTopic(topic: string): ParsedTopic | undefined {
  const parts = topic.split('/');
  if (parts.length < 5 || parts[0] !== 'roompost' || parts[1] !== 'v1') return undefined;
  const [, , property, device, ...rest] = parts;
  const kind = KIND_BY_SUFFIX.get(rest.join('/'));
  if (!property || !device || !kind) return undefined;
  if (!SEGMENT.test(property) || !SEGMENT.test(device)) return undefined;
  return { property, device, kind };
}

/**
 * The MQTT client id a device connects with. Brokers bind each account to its own id: a device may
 * use only this one, or this one followed by `:` and a suffix (a second session of its own, e.g. a
 * diagnostic tool); ":" never appears in a device id, so no device's id is another's.
 */
export function deviceClientId(property: string, device: string): string {
  assertTopicSegment('property', property);
  assertTopicSegment('device', device);
  return `edge-${property}-${device}`;
}

/** The MQTT client id of central's own service connection; only central's account may use it. */
export function centralClientId(property: string): string {
  assertTopicSegment('property', property);
  return `central-${property}`;
}

/** Whether `clientId` is one a device may connect with (its own id, or its own id + `:suffix`). */
export function isOwnDeviceClientId(property: string, device: string, clientId: string): boolean {
  const own = deviceClientId(property, device);
  return clientId === own || (clientId.startsWith(`${own}:`) && clientId.length <= own.length + 65);
}
