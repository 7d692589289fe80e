// The front-office half of the folio engine: rate plans, reservations, deposits, folio
// operations, payments and checkout, composed so folio-service.ts gains them in one line.
import { createCheckoutService } from './checkout/checkout.service.js';
import type { FolioContext } from './context.js';
import { createDepositService } from './deposits/deposit.service.js';
import { createFolioOpsService } from './folios/folio-ops.service.js';
import { createPaymentService } from './payments/payment.service.js';
import { createRatePlanService } from './rate-plans/rate-plan.service.js';
import { createCheckInService } from './reservations/check-in.service.js';
import { createReservationService } from './reservations/reservation.service.js';
import { createReservationChangeService } from './reservations/reservation-change.service.js';
import { createRuleService } from './rules/rule.service.js';

export type FolioOperations = ReturnType<typeof createRatePlanService> &
  ReturnType<typeof createReservationService> &
  ReturnType<typeof createReservationChangeService> &
  ReturnType<typeof createCheckInService> &
  ReturnType<typeof createDepositService> &
  ReturnType<typeof createFolioOpsService> &
  ReturnType<typeof createPaymentService> &
  ReturnType<typeof createCheckoutService> &
  ReturnType<typeof createRuleService>;

export function createFolioOperations(context: FolioContext): FolioOperations {
  return {
    ...createRatePlanService(context),
    ...createReservationService(context),
    ...createReservationChangeService(context),
    ...createCheckInService(context),
    ...createDepositService(context),
    ...createFolioOpsService(context),
    ...createPaymentService(context),
    ...createCheckoutService(context),
    ...createRuleService(context),
  };
}
