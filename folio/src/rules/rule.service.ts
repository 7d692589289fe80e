// The rules half of the back office (seed 003 §5.1), composed from one service per concern: the rules
// themselves (rule-admin.service.ts), promo codes (promo-code.service.ts) and surcharges posted on request
// (surcharge-posting.service.ts). SQL lives in rule.repository.ts, promo.repository.ts, surcharge.repository.ts.
import type { FolioContext } from '../context.js';
import { createPromoCodeService } from './promo-code.service.js';
import { createRuleAdminService } from './rule-admin.service.js';
import { createSurchargePostingService } from './surcharge-posting.service.js';

export type { PromoCodeInput } from './promo-code.service.js';

export function createRuleService(ctx: FolioContext) {
  return {
    ...createRuleAdminService(ctx),
    ...createPromoCodeService(ctx),
    ...createSurchargePostingService(ctx),
  };
}

export type RuleService = ReturnType<typeof createRuleService>;
