import { printerTestPage } from '@roompost/drivers';
import { formatMinor } from '@roompost/folio/money';
import type { EdgeConfig } from '../config/edge-config.js';

/** The service screen's test page for this edge, as the staff member `requestedBy` asked for it. */
export function serviceTestPage(
  config: Pick<EdgeConfig, 'outlet' | 'device'>,
  now: () => Date,
): (requestedBy: string) => string {
  const { outlet } = config;
  const when = new Intl.DateTimeFormat(outlet.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: outlet.timeZone,
  });
  return (requestedBy) =>
    printerTestPage({
      propertyName: outlet.propertyName,
      outletName: outlet.name,
      device: config.device,
      printedAt: when.format(now()),
      requestedBy,
      // 1234.56 in the outlet's currency: the code page must print its symbol (₹ prints as "Rs.").
      sampleAmount: formatMinor(123456, outlet.currency, outlet.locale),
    });
}
