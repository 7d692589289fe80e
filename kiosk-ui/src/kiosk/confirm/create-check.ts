// "Create this check", safe to repeat: one request id per confirmation, sent again when the answer
// was lost, so the edge returns the charge it already made instead of charging twice.
import type { ChargeView, CreateCheckRequest } from '@roompost/sync/contract';
import { newRequestId } from '../../shared/request-id.js';
import { EdgeRequestError } from '../api/edge-client.js';

export type CreateCheck = (request: CreateCheckRequest) => Promise<ChargeView>;

export { newRequestId } from '../../shared/request-id.js';

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
