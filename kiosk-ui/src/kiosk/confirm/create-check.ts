// "Create this check", safe to repeat: one request id per confirmation, sent again when the answer
// was lost, so the edge returns the charge it already made instead of charging twice.
import type { ChargeView, CreateCheckRequest } from '@roompost/sync/contract';
import { EdgeRequestError } from '../api/edge-client.js';

export type CreateCheck = (request: CreateCheckRequest) => Promise<ChargeView>;

/** A random (v4) UUID. crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
export function newRequestId(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Sends the request; when no answer comes back (network), sends the very same request again, up to
 * `attempts` times. An answer from the edge (charged or refused) ends it at once.
 */
export async function createCheckOnce(
  create: CreateCheck,
  request: Omit<CreateCheckRequest, 'requestId'>,
  opts: { requestId?: string; attempts?: number; waitMs?: number } = {},
): Promise<ChargeView> {
  const full: CreateCheckRequest = { ...request, requestId: opts.requestId ?? newRequestId() };
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await create(full);
    } catch (error) {
      const lost = error instanceof EdgeRequestError && error.kind === 'network';
      if (!lost || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, (opts.waitMs ?? 700) * attempt));
    }
  }
}
