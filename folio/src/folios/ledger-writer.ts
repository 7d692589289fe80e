// The one way folio operations write a posting: to an open folio, in the property currency, dated with
// the business date and the clock, attributed to `by`. Postings are never updated afterwards.
import type { Kysely, Selectable } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { asMinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import type { ChargeCategory } from '../tax/tax-types.js';
import type { LinkKind, ReferenceKind } from './posting-ops.table.js';
import type { PostingType } from './posting-type.js';

type Db = Kysely<FolioDatabase>;
export type FullFolioRow = Selectable<FolioDatabase['folios']>;
export type FullPostingRow = Selectable<FolioDatabase['postings']>;

export interface NewPosting {
  folio: FullFolioRow;
  type: PostingType;
  amountMinor: number;
  description: string;
  by: string;
  serviceDate?: string;
  ruleApplied?: string | null;
  referenceKind?: ReferenceKind | null;
  referenceId?: string | null;
  linkedPostingId?: string | null;
  linkKind?: LinkKind | null;
  taxBaseDate?: string | null;
  stayDate?: string | null;
  code?: string | null;
  paymentMethod?: string | null;
  paymentReference?: string | null;
  chargeRef?: string | null;
  lineNo?: number;
  /** What the invoice taxes the line as; null derives it from the type (or from a linked original). */
  category?: ChargeCategory | null;
  /** SAC/HSN code when the category's default does not fit. */
  sac?: string | null;
  /** The value of one unit for one day that picks the line's slab when it is not its night's sum. */
  slabValueMinor?: number | null;
}

export async function requireFolio(db: Db, folioId: string): Promise<FullFolioRow> {
  const folio = await db.selectFrom('folios').selectAll().where('id', '=', folioId).executeTakeFirst();
  if (!folio) throw new FolioError('NOT_FOUND', 'unknown folio', { folioId });
  return folio;
}

/** NOT_FOUND, or FOLIO_CLOSED once checkout closed it. */
export async function requireOpenFolio(db: Db, folioId: string): Promise<FullFolioRow> {
  const folio = await requireFolio(db, folioId);
  if (folio.closed_at !== null) {
    throw new FolioError('FOLIO_CLOSED', 'the folio is closed', { folioId, closedAt: folio.closed_at });
  }
  return folio;
}

export async function requirePosting(db: Db, postingId: string): Promise<FullPostingRow> {
  const row = await db.selectFrom('postings').selectAll().where('id', '=', postingId).executeTakeFirst();
  if (!row) throw new FolioError('NOT_FOUND', 'unknown posting', { postingId });
  return row;
}

export async function writePosting(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  property: Property,
  p: NewPosting,
): Promise<FullPostingRow> {
  if (p.folio.closed_at !== null) {
    throw new FolioError('FOLIO_CLOSED', 'the folio is closed', { folioId: p.folio.id });
  }
  const row: FullPostingRow = {
    id: ctx.newId(),
    folio_id: p.folio.id,
    type: p.type,
    amount_minor: asMinorUnits(p.amountMinor),
    currency: p.folio.currency,
    description: p.description,
    business_date: property.businessDate,
    service_date: p.serviceDate ?? property.businessDate,
    created_at: ctx.clock.now().toISOString(),
    posted_by: p.by,
    outlet_code: null,
    check_number: null,
    charge_ref: p.chargeRef ?? null,
    line_no: p.lineNo ?? 1,
    rule_applied: p.ruleApplied ?? null,
    reference_kind: p.referenceKind ?? null,
    reference_id: p.referenceId ?? null,
    linked_posting_id: p.linkedPostingId ?? null,
    link_kind: p.linkKind ?? null,
    tax_base_date: p.taxBaseDate ?? null,
    stay_date: p.stayDate ?? null,
    code: p.code ?? null,
    payment_method: p.paymentMethod ?? null,
    payment_reference: p.paymentReference ?? null,
    category: p.category ?? null,
    sac: p.sac ?? null,
    slab_value_minor: p.slabValueMinor ?? null,
  };
  await db.insertInto('postings').values(row).execute();
  return row;
}
