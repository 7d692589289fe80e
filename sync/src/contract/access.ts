// Who may publish and subscribe where on an external broker: written into Mosquitto's
// dynamic-security roles by central and described for EMQX/HiveMQ in docs/scale-out.md. (The
// embedded broker applies the coarser rule of topics.ts: a device stays under its own prefix.)
// MQTT 3.1.1 topic filters only.
import { assertTopicSegment, devicePrefix, TOPIC_KINDS, type TopicKind } from './topics.js';

/** Who publishes each message kind; the other side only subscribes to it. */
export const TOPIC_PUBLISHER: Readonly<Record<TopicKind, 'edge' | 'central'>> = {
  charge: 'edge',
  chargeStatus: 'central',
  chargeStatusAck: 'edge',
  rpcRequest: 'edge',
  rpcResponse: 'central',
  presence: 'edge',
  status: 'edge',
  catalogVersion: 'central',
  roster: 'central',
  rosterDelta: 'central',
  dailySummary: 'edge',
  dailySummaryAck: 'central',
  pmsStatus: 'central',
};

export interface TopicAccess {
  /** Exact topics (no wildcards) the account may publish to. */
  publish: string[];
  /** Topic filters the account may subscribe to (and receive on). */
  subscribe: string[];
}

/** A device publishes only the edge → central kinds and subscribes only the central → edge kinds, all under its own prefix. */
export function deviceAccess(property: string, device: string): TopicAccess {
  const prefix = devicePrefix(property, device);
  const kinds = Object.keys(TOPIC_KINDS) as TopicKind[];
  const of = (side: 'edge' | 'central') =>
    kinds.filter((k) => TOPIC_PUBLISHER[k] === side).map((k) => prefix + TOPIC_KINDS[k]);
  return { publish: of('edge'), subscribe: of('central') };
}

/** Central's service account: everything of its property, and nothing else. */
export function centralAccess(property: string): TopicAccess {
  assertTopicSegment('property', property);
  const all = `roompost/v1/${property}/#`;
  return { publish: [all], subscribe: [all] };
}

/**
 * The subscription filter central uses for one kind: plain, or as an MQTT shared subscription
 * (`$share/{group}/…`, Mosquitto 2, EMQX, HiveMQ) so that several central workers split the load
 * and each message goes to one of them.
 */
export function subscriptionFilter(filter: string, shareGroup?: string): string {
  if (shareGroup === undefined) return filter;
  assertTopicSegment('share group', shareGroup);
  return `$share/${shareGroup}/${filter}`;
}
