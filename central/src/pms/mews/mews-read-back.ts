import type { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { MewsClient, mewsOrderItem } from './mews-client.js';
import type { MewsPmsConfig } from './mews-config.js';

const PAGE = 1000;
const MAX_PAGES = 20;

/**
 * The order items Mews holds for one of our charges, found by `ExternalIdentifier` among the F&B
 * service's items created in the read-back window (orderItems/getAll needs a filter such as
 * ServiceIds + CreatedUtc; it pages with a Cursor).
 */
export async function findOrderItems(
  client: MewsClient,
  config: MewsPmsConfig,
  clock: Clock,
  chargeId: string,
): Promise<Array<z.infer<typeof mewsOrderItem>>> {
  const now = clock.now().getTime();
  const window = {
    StartUtc: new Date(now - config.readBackHours * 3_600_000).toISOString(),
    EndUtc: new Date(now + 3_600_000).toISOString(),
  };
  const found: Array<z.infer<typeof mewsOrderItem>> = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await client.orderItems({
      ServiceIds: [config.serviceId],
      CreatedUtc: window,
      Limitation: { Count: PAGE, Cursor: cursor },
    });
    for (const item of body.OrderItems) {
      const ext = item.ExternalIdentifier ?? '';
      if (ext === chargeId || ext.startsWith(`${chargeId}:`)) found.push(item);
    }
    cursor = body.Cursor ?? null;
    if (!cursor || body.OrderItems.length < PAGE) break;
  }
  return found;
}
