// Parses one server-sent event from GET /api/events (`KioskEvents`). The edge is ours, but the
// stream is still a boundary: a frame that does not have the expected shape is reported with a
// reason and dropped, never half-applied.
import type { ChargeView, KioskEvents, KioskLookup } from '@roompost/sync/contract';
import type { EdgeError } from '../api/edge-error.js';

export type KioskEvent = {
  [K in keyof KioskEvents]: { type: K; data: KioskEvents[K] };
}[keyof KioskEvents];

export type ParsedEvent = { ok: true; event: KioskEvent } | { ok: false; reason: string };

export const KIOSK_EVENT_NAMES = [
  'tap',
  'charge',
  'connection',
  'device',
  'door',
] as const satisfies ReadonlyArray<keyof KioskEvents>;

export function parseKioskEvent(name: string, data: string): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: `${name}: data is not JSON` };
  }
  switch (name) {
    case 'tap':
      return parseTap(json);
    case 'charge':
      return isChargeView(json)
        ? { ok: true, event: { type: 'charge', data: json } }
        : { ok: false, reason: 'charge: not a ChargeView' };
    case 'connection':
      if (isRecord(json) && (json.central === 'online' || json.central === 'offline')) {
        return { ok: true, event: { type: 'connection', data: { central: json.central } } };
      }
      return { ok: false, reason: 'connection: central must be online or offline' };
    case 'device':
      return parseDevice(json);
    case 'door':
      if (isRecord(json) && typeof json.open === 'boolean' && typeof json.endsSession === 'boolean') {
        return {
          ok: true,
          event: { type: 'door', data: { open: json.open, endsSession: json.endsSession } },
        };
      }
      return { ok: false, reason: 'door: needs open and endsSession (booleans)' };
    default:
      return { ok: false, reason: `unknown event ${JSON.stringify(name)}` };
  }
}

function parseTap(json: unknown): ParsedEvent {
  if (!isRecord(json)) return { ok: false, reason: 'tap: not an object' };
  if (json.ok === true && isKioskLookup(json.lookup)) {
    return { ok: true, event: { type: 'tap', data: { ok: true, lookup: json.lookup } } };
  }
  if (json.ok === false && isApiError(json.error)) {
    return { ok: true, event: { type: 'tap', data: { ok: false, error: json.error } } };
  }
  return { ok: false, reason: 'tap: needs ok with a lookup, or ok:false with an error' };
}

const DEVICES = ['reader', 'printer', 'gpio', 'display'] as const;
const HEALTHS = ['connected', 'retrying', 'error'] as const;

function parseDevice(json: unknown): ParsedEvent {
  if (
    isRecord(json) &&
    DEVICES.includes(json.device as (typeof DEVICES)[number]) &&
    HEALTHS.includes(json.health as (typeof HEALTHS)[number]) &&
    (json.reason === null || typeof json.reason === 'string')
  ) {
    const data = json as KioskEvents['device'];
    return {
      ok: true,
      event: { type: 'device', data: { device: data.device, health: data.health, reason: data.reason } },
    };
  }
  return { ok: false, reason: 'device: needs a known device, health and reason' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isApiError(value: unknown): value is EdgeError {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    typeof value.action === 'string'
  );
}

export function isKioskLookup(value: unknown): value is KioskLookup {
  return (
    isRecord(value) &&
    typeof value.verificationId === 'string' &&
    typeof value.roomNumber === 'string' &&
    typeof value.roomType === 'string' &&
    typeof value.guestName === 'string' &&
    (typeof value.checkIn === 'string' || value.checkIn === null) &&
    (typeof value.checkOut === 'string' || value.checkOut === null) &&
    typeof value.currency === 'string' &&
    typeof value.chargesAllowed === 'boolean' &&
    (value.restriction === null ||
      (isRecord(value.restriction) &&
        typeof value.restriction.code === 'string' &&
        typeof value.restriction.reason === 'string'))
  );
}

export function isChargeView(value: unknown): value is ChargeView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.status === 'string' &&
    typeof value.roomNumber === 'string' &&
    typeof value.currency === 'string' &&
    isMinor(value.totalMinor) &&
    isMinor(value.tipMinor) &&
    typeof value.receiptText === 'string' &&
    typeof value.updatedAt === 'string' &&
    (value.error === null || isRecord(value.error))
  );
}
