// The live state of a stored charge: pending → posted, or rejected with the reason.
import type { ChargeView } from '@roompost/sync/contract';
import { chargeStatusLabel } from './charge-status-label.js';

export function ChargeStatus({ charge }: { charge: ChargeView }) {
  const { text, tone } = chargeStatusLabel(charge);
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
