// Postings are never edited (DESIGN "Rules that keep money safe"): a void negates a posting on the
// business date it was made; an adjustment counterbalances it later and keeps its tax base (the
// original's service date); a transfer is a linked transfer-out plus transfer-in.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { defaultCategory } from '../invoices/build-invoice.js';
import { liveInvoiceNumberOf } from '../invoices/invoice.repository.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import type { ChargeCategory } from '../tax/tax-types.js';
import { type FullFolioRow, type FullPostingRow, requireOpenFolio, writePosting } from './ledger-writer.js';
import type { PostingType } from './posting-type.js';

type Db = Kysely<FolioDatabase>;
type Ctx = Pick<FolioContext, 'clock' | 'newId'>;

/** Types an adjustment may counterbalance; money movements are corrected by void or refund. */
const ADJUSTABLE: readonly PostingType[] = ['ROOM', 'POS', 'SURCHARGE', 'DISCOUNT', 'TAX', 'ADJUSTMENT'];

function refuse(posting: FullPostingRow, reason: string, extra: Record<string, unknown> = {}): FolioError {
  return new FolioError('CORRECTION_NOT_ALLOWED', reason, { postingId: posting.id, ...extra });
}

/** The posting's amount plus every void, adjustment and transfer-out already linked to it. */
export async function remainingOf(db: Db, posting: FullPostingRow): Promise<number> {
  const rows = await db
    .selectFrom('postings')
    .select(['amount_minor'])
    .where('linked_posting_id', '=', posting.id)
    .where('link_kind', 'in', ['VOID', 'ADJUSTMENT', 'TRANSFER_OUT'])
    .execute();
  return rows.reduce((sum, row) => sum + row.amount_minor, posting.amount_minor);
}

/** Once invoiced, a posting is corrected by a credit note (GST practice), never by void or transfer. */
async function assertCorrectable(db: Db, posting: FullPostingRow): Promise<void> {
  const invoice = await liveInvoiceNumberOf(db, posting.id);
  if (invoice !== null) {
    throw refuse(posting, `the posting is on invoice ${invoice}; issue a credit note first`, { invoice });
  }
  if (posting.link_kind !== null && posting.link_kind !== 'TRANSFER_IN') {
    throw refuse(posting, 'a correction is not corrected again; correct the original', {
      linkKind: posting.link_kind,
    });
  }
  if (posting.type === 'DEPOSIT') throw refuse(posting, 'a deposit is returned by refunding the deposit');
}

export async function voidPosting(
  db: Db,
  ctx: Ctx,
  property: Property,
  posting: FullPostingRow,
  by: string,
  reason: string,
): Promise<FullPostingRow> {
  await assertCorrectable(db, posting);
  if (posting.business_date !== property.businessDate) {
    throw refuse(posting, 'only a posting of the current business date can be voided; post an adjustment', {
      postingBusinessDate: posting.business_date,
      businessDate: property.businessDate,
    });
  }
  if ((await remainingOf(db, posting)) !== posting.amount_minor) {
    throw refuse(posting, 'the posting was already voided, adjusted or transferred');
  }
  const folio = await requireOpenFolio(db, posting.folio_id);
  return writePosting(db, ctx, property, {
    ...copied(posting),
    ...(await derivedIdentity(db, posting)),
    folio,
    type: posting.type,
    amountMinor: -posting.amount_minor,
    description: `VOID ${posting.description} (${reason})`,
    by,
    linkedPostingId: posting.id,
    linkKind: 'VOID',
  });
}

/** `amountMinor` is signed and counterbalances: opposite in sign to what remains, at most all of it. */
export async function adjustPosting(
  db: Db,
  ctx: Ctx,
  property: Property,
  posting: FullPostingRow,
  amountMinor: number,
  by: string,
  reason: string,
): Promise<FullPostingRow> {
  await assertCorrectable(db, posting);
  if (!ADJUSTABLE.includes(posting.type)) throw refuse(posting, `a ${posting.type} posting is not adjusted`);
  if (posting.business_date >= property.businessDate) {
    throw refuse(posting, 'a posting of the current business date is voided, not adjusted');
  }
  const remaining = await remainingOf(db, posting);
  if (
    amountMinor === 0 ||
    Math.sign(amountMinor) === Math.sign(remaining) ||
    Math.abs(amountMinor) > Math.abs(remaining)
  ) {
    throw new FolioError(
      'VALIDATION_FAILED',
      'amountMinor must counterbalance at most what remains of the posting',
      {
        field: 'amountMinor',
        amountMinor,
        remainingMinor: remaining,
      },
    );
  }
  const folio = await requireOpenFolio(db, posting.folio_id);
  return writePosting(db, ctx, property, {
    ...copied(posting),
    ...(await derivedIdentity(db, posting)),
    folio,
    type: 'ADJUSTMENT',
    amountMinor,
    description: `Adjustment of ${posting.description} (${reason})`,
    by,
    linkedPostingId: posting.id,
    linkKind: 'ADJUSTMENT',
  });
}

/** Moves what remains of a posting to another open folio; returns [transfer-out, transfer-in]. */
export async function transferPosting(
  db: Db,
  ctx: Ctx,
  property: Property,
  posting: FullPostingRow,
  target: FullFolioRow,
  by: string,
): Promise<[FullPostingRow, FullPostingRow]> {
  await assertCorrectable(db, posting);
  if (target.id === posting.folio_id) throw refuse(posting, 'the posting is already on that folio');
  const source = await requireOpenFolio(db, posting.folio_id);
  if (target.closed_at !== null)
    throw new FolioError('FOLIO_CLOSED', 'the folio is closed', { folioId: target.id });
  if (target.currency !== source.currency) throw refuse(posting, 'the folios have different currencies');
  const remaining = await remainingOf(db, posting);
  if (remaining === 0) throw refuse(posting, 'nothing of the posting is left to transfer');
  const identity = await derivedIdentity(db, posting);
  const out = await writePosting(db, ctx, property, {
    ...copied(posting),
    ...identity,
    folio: source,
    type: posting.type,
    amountMinor: -remaining,
    description: `Transfer to window ${target.window_number}: ${posting.description}`,
    by,
    linkedPostingId: posting.id,
    linkKind: 'TRANSFER_OUT',
  });
  const into = await writePosting(db, ctx, property, {
    ...copied(posting),
    ...identity,
    folio: target,
    type: posting.type,
    amountMinor: remaining,
    description: `Transfer from window ${source.window_number}: ${posting.description}`,
    by,
    linkedPostingId: out.id,
    linkKind: 'TRANSFER_IN',
  });
  return [out, into];
}

/**
 * The category and SAC a derived posting carries itself: the nearest ones along its link chain, at any
 * depth, else what its origin's type means (defaultCategory). Written on every void, adjustment and
 * transfer, so a line taxes the same wherever it moves and however often (seed 004 §6).
 */
export async function originTaxIdentity(
  db: Db,
  posting: FullPostingRow,
): Promise<{ category: ChargeCategory; sac: string | null; slabValueMinor: number | null }> {
  let category = posting.category;
  let sac = posting.sac;
  let slab = posting.slab_value_minor;
  let current = posting;
  for (let hops = 0; current.linked_posting_id !== null && hops < 64; hops++) {
    if (category !== null && sac !== null && slab !== null) break;
    const next = await db
      .selectFrom('postings')
      .selectAll()
      .where('id', '=', current.linked_posting_id)
      .executeTakeFirst();
    if (!next) break;
    current = next;
    category ??= next.category;
    sac ??= next.sac;
    slab ??= next.slab_value_minor;
  }
  while (current.linked_posting_id !== null) {
    const next = await db
      .selectFrom('postings')
      .selectAll()
      .where('id', '=', current.linked_posting_id)
      .executeTakeFirst();
    if (!next) break;
    current = next;
  }
  return {
    category: category ?? defaultCategory(current.type, current.stay_date !== null),
    sac,
    slabValueMinor: slab,
  };
}

/** What a correction inherits: service date, tax base, rule, reference and payment method. */
function copied(posting: FullPostingRow) {
  return {
    serviceDate: posting.service_date,
    taxBaseDate: posting.tax_base_date ?? posting.service_date,
    ruleApplied: posting.rule_applied,
    referenceKind: posting.reference_kind,
    referenceId: posting.reference_id,
    paymentMethod: posting.payment_method,
    paymentReference: posting.payment_reference,
  };
}

/** Payments and deposits have no tax identity; every charge-like correction carries its origin's. */
async function derivedIdentity(db: Db, posting: FullPostingRow) {
  if (posting.type === 'PAYMENT' || posting.type === 'REFUND' || posting.type === 'DEPOSIT') return {};
  if (posting.type === 'TAX') return { category: posting.category, sac: posting.sac };
  return originTaxIdentity(db, posting);
}

/**
 * A room night's ROOM line voided or adjusted to nothing takes the night's tax with it (the tax posted with
 * the night, tax/night-tax.ts): each of the night's live TAX lines on that folio is voided (same business
 * date) or adjusted away, linked to it, so neither the folio nor the revenue report keeps tax on a night that
 * is gone. What else of the night remains (an extra bed) is taxed by checkout or the invoice.
 */
export async function reverseNightTaxOf(
  db: Db,
  ctx: Ctx,
  property: Property,
  night: FullPostingRow,
  by: string,
  reason: string,
): Promise<FullPostingRow[]> {
  if (night.type !== 'ROOM' || night.code !== 'ROOM' || night.stay_date === null) return [];
  if ((await remainingOf(db, night)) !== 0) return [];
  const taxes = await db
    .selectFrom('postings')
    .selectAll()
    .where('folio_id', '=', night.folio_id)
    .where('stay_date', '=', night.stay_date)
    .where('type', '=', 'TAX')
    .where('link_kind', 'is', null)
    .execute();
  const made: FullPostingRow[] = [];
  for (const tax of taxes) {
    const remaining = await remainingOf(db, tax);
    if (remaining === 0 || (await liveInvoiceNumberOf(db, tax.id)) !== null) continue;
    made.push(
      tax.business_date === property.businessDate && remaining === tax.amount_minor
        ? await voidPosting(db, ctx, property, tax, by, reason)
        : await adjustPosting(db, ctx, property, tax, -remaining, by, reason),
    );
  }
  return made;
}
