// The JSON body of every edge API error: `{ code, message, action, field? }` (docs/edge-api.md).
// Derived from KioskEvents so the kiosk follows the contract's name for it, whatever that is.
import type { KioskEvents } from '@roompost/sync/contract';

export type EdgeError = Extract<KioskEvents['tap'], { ok: false }>['error'];
