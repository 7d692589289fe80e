// Surcharge and discount rules (seed 003 §5.1) as the front office manages them: create, change, deactivate
// and list. Nightly pricing itself is priceNight (price-night.ts), called by night audit and checkout.

import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { invalid, requireText } from '../validation.js';
import {
  deactivateRuleRow,
  findRule,
  insertRule,
  loadRules,
  roomTypeCodes,
  updateRuleRow,
} from './rule.repository.js';
import type { PricingRule } from './rule-types.js';
import { assertNoOverlap, type RuleInput, validateRule } from './rule-validation.js';

/** NOT_FOUND naming the field when no rule has this code. */
export async function requireRule(db: Kysely<FolioDatabase>, code: string): Promise<PricingRule> {
  const rule = await findRule(db, code);
  if (!rule) throw new FolioError('NOT_FOUND', 'unknown rule', { field: 'code', ruleCode: code });
  return rule;
}

export function createRuleAdminService({ db, clock, newId }: FolioContext) {
  const stamp = (by: string) => ({ at: clock.now().toISOString(), by });
  return {
    /** VALIDATION_FAILED naming the field; RULE_OVERLAP with an active rule of the same kind. Writes nothing on error. */
    async createRule(input: RuleInput, by: string): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const valid = validateRule(input, await roomTypeCodes(trx));
        if (await findRule(trx, valid.code))
          throw invalid('code', 'a rule with this code exists', { value: valid.code });
        assertNoOverlap(valid, await loadRules(trx, true));
        const rule = { id: newId(), ...valid };
        await insertRule(trx, rule, stamp(actor));
        return rule;
      });
    },

    /** Replaces a rule's settings (its code and kind stay). Postings already made keep their amounts. */
    async updateRule(
      code: string,
      input: Omit<RuleInput, 'code' | 'kind'>,
      by: string,
    ): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const current = await requireRule(trx, code);
        const valid = validateRule(
          { ...input, code: current.code, kind: current.kind },
          await roomTypeCodes(trx),
        );
        assertNoOverlap(valid, await loadRules(trx, true));
        const rule = { id: current.id, ...valid };
        await updateRuleRow(trx, rule, stamp(actor));
        return rule;
      });
    },

    /** Rules are never deleted (postings name them): a deactivated rule applies to no further night. */
    async deactivateRule(code: string, by: string): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const current = await requireRule(trx, code);
        await deactivateRuleRow(trx, current.id, stamp(actor));
        return { ...current, active: false };
      });
    },

    async listRules(): Promise<PricingRule[]> {
      return loadRules(db);
    },

    async getRule(code: string): Promise<PricingRule> {
      return requireRule(db, code);
    },
  };
}
