// A posting with everything the folio operations added: links, rules, references, payment details.
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { ChargeCategory } from '../tax/tax-types.js';
import type { FullPostingRow } from './ledger-writer.js';
import type { LinkKind, ReferenceKind } from './posting-ops.table.js';
import type { PostingType } from './posting-type.js';

export interface LedgerLine {
  id: string;
  folioId: string;
  type: PostingType;
  amountMinor: MinorUnits;
  currency: string;
  description: string;
  businessDate: string;
  serviceDate: string;
  createdAt: string;
  postedBy: string;
  ruleApplied: string | null;
  reference: { kind: ReferenceKind; id: string | null } | null;
  link: { kind: LinkKind; postingId: string } | null;
  taxBaseDate: string | null;
  stayDate: string | null;
  code: string | null;
  payment: { method: string; reference: string | null } | null;
  outletCode: string | null;
  checkNumber: string | null;
  chargeRef: string | null;
  /** Tax category set when posted; null: the invoice derives it from the type or the linked original. */
  category: ChargeCategory | null;
  sac: string | null;
}

export function toLedgerLine(row: FullPostingRow): LedgerLine {
  return {
    id: row.id,
    folioId: row.folio_id,
    type: row.type,
    amountMinor: asMinorUnits(row.amount_minor),
    currency: row.currency,
    description: row.description,
    businessDate: row.business_date,
    serviceDate: row.service_date,
    createdAt: row.created_at,
    postedBy: row.posted_by,
    ruleApplied: row.rule_applied,
    reference: row.reference_kind === null ? null : { kind: row.reference_kind, id: row.reference_id },
    link:
      row.link_kind === null || row.linked_posting_id === null
        ? null
        : { kind: row.link_kind, postingId: row.linked_posting_id },
    taxBaseDate: row.tax_base_date,
    stayDate: row.stay_date,
    code: row.code,
    payment:
      row.payment_method === null ? null : { method: row.payment_method, reference: row.payment_reference },
    outletCode: row.outlet_code,
    checkNumber: row.check_number,
    chargeRef: row.charge_ref,
    category: row.category,
    sac: row.sac,
  };
}
