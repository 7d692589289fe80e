// The live state of a stored charge: pending → posted, or rejected with the reason.
import type { ChargeView } from '@roompost/sync/contract';
import { useKiosk } from '../kiosk-context.js';
import { chargeStatusLabel } from './charge-status-label.js';

export function ChargeStatus({ charge }: { charge: ChargeView }) {
  const { t } = useKiosk();
  const { text, tone } = chargeStatusLabel(charge, t);
  return (
    <p
      class={`charge-status charge-status--${tone}`}
      data-testid="charge-status"
      data-status={charge.status}
      role="status"
    >
      <span class="charge-status-icon" aria-hidden="true" />
      {text}
    </p>
  );
}
