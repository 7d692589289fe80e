// Posting a room charge exactly once: the checks of seed 000, then lines and receipt in one transaction.
import { type Insertable, sql } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { type FolioRow, findFolioWindows } from '../folios/folio.repository.js';
import { selectPostingIdsByChargeRef, sumStays } from '../folios/posting.repository.js';
import type { PostingTable } from '../folios/posting.table.js';
import { asMinorUnits } from '../money/index.js';
import { inLists, powerOfTwoChunks } from '../persistence/batches.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { InsertTemplate, QueryTemplate } from '../persistence/query-template.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { type Property, requireProperty } from '../property/property.service.js';
import { findStayDetails, type StayDetailRow, stayDetails } from '../stays/stay.repository.js';
import { mainCategory, outletTaxGroups } from '../tax/outlet-tax.js';
import { chargeContentHash } from './charge-content-hash.js';
import { buildChargeLines } from './charge-lines.js';
import { type ChargeReceiptRow, findChargeReceipt, findChargeReceipts } from './charge-receipt.repository.js';
import type { OutletTaxLineTable } from './charge-receipt.table.js';
import {
  type PostChargeInput,
  type PostChargeResult,
  type ValidChargeInput,
  validateChargeInput,
} from './post-charge.js';

type Db = FolioContext['db'];

/** What a batch of charges reads before any is posted: one query per table, not one per charge. */
interface BatchReads {
  receipts: Map<string, ChargeReceiptRow>;
  property: Property;
  stays: Map<string, StayDetailRow>;
  /** Stay balance over all windows, moved on as the batch's charges are planned. */
  balances: Map<string, number>;
  folios: Map<string, FolioRow>;
}

/** A charge ready to write: its receipt, folio lines and outlet tax lines. */
interface Planned {
  receipt: ChargeReceiptRow;
  postings: Insertable<PostingTable>[];
  taxLines: Insertable<OutletTaxLineTable>[];
}

/**
 * `readBatch`'s five reads for a batch of one charge (every charge, one at a time), compiled once per
 * database (QueryTemplate): building them with kysely per charge cost more than running them.
 */
function singleChargeReads(db: Db) {
  return {
    receipt: new QueryTemplate<{ id: string }, ChargeReceiptRow>(['id'], (a) =>
      db.selectFrom('charge_receipts').selectAll().where('charge_id', '=', a.id),
    ),
    property: new QueryTemplate<Record<string, never>, Property>([], () =>
      db
        .selectFrom('property')
        .select(['name', 'currency', 'time_zone as timeZone', 'business_date as businessDate'])
        .where('id', '=', 1),
    ),
    stay: new QueryTemplate<{ id: string }, StayDetailRow>(['id'], (a) =>
      stayDetails(db).where('stays.id', '=', a.id),
    ),
    balance: new QueryTemplate<{ id: string }, { balance: number | string | bigint }>(['id'], (a) =>
      db
        .selectFrom('postings')
        .innerJoin('folios', 'folios.id', 'postings.folio_id')
        .select(sql<number>`coalesce(sum(postings.amount_minor), 0)`.as('balance'))
        .where('folios.stay_id', '=', a.id),
    ),
    folio: new QueryTemplate<{ id: string }, FolioRow>(['id'], (a) =>
      db.selectFrom('folios').selectAll().where('stay_id', '=', a.id).where('window_number', '=', 1),
    ),
  };
}

async function readOne(
  trx: Db,
  charge: ValidChargeInput,
  q: ReturnType<typeof singleChargeReads>,
): Promise<BatchReads> {
  const receipts = new Map<string, ChargeReceiptRow>();
  const receipt = (await q.receipt.execute(trx, { id: charge.chargeId })).rows[0];
  if (receipt) receipts.set(charge.chargeId, receipt);
  const property = (await q.property.execute(trx, {})).rows[0];
  if (!property) throw new FolioError('NOT_FOUND', 'the property is not configured', { entity: 'property' });
  const stays = new Map<string, StayDetailRow>();
  const balances = new Map<string, number>();
  const folios = new Map<string, FolioRow>();
  const stay = receipt ? undefined : (await q.stay.execute(trx, { id: charge.stayRef })).rows[0];
  if (stay) {
    stays.set(stay.id, stay);
    const sum = (await q.balance.execute(trx, { id: stay.id })).rows[0];
    balances.set(stay.id, Number(sum?.balance ?? 0));
    const folio = (await q.folio.execute(trx, { id: stay.id })).rows[0];
    if (folio) folios.set(stay.id, folio);
  }
  return { receipts, property, stays, balances, folios };
}

async function readBatch(
  trx: Db,
  charges: readonly ValidChargeInput[],
  single?: () => ReturnType<typeof singleChargeReads>,
): Promise<BatchReads> {
  const [only] = charges;
  if (charges.length === 1 && only && single) return readOne(trx, only, single());
  const receipts = new Map<string, ChargeReceiptRow>();
  for (const ids of inLists(charges.map((c) => c.chargeId))) {
    for (const [id, row] of await findChargeReceipts(trx, ids)) receipts.set(id, row);
  }
  const property = await requireProperty(trx);
  const stays = new Map<string, StayDetailRow>();
  const balances = new Map<string, number>();
  const folios = new Map<string, FolioRow>();
  for (const ids of inLists(charges.filter((c) => !receipts.has(c.chargeId)).map((c) => c.stayRef))) {
    for (const [id, row] of await findStayDetails(trx, ids)) stays.set(id, row);
  }
  const found = [...stays.keys()];
  for (const ids of inLists(found)) {
    for (const [id, sum] of await sumStays(trx, ids)) balances.set(id, sum);
    for (const [id, row] of await findFolioWindows(trx, ids, 1)) folios.set(id, row);
  }
  return { receipts, property, stays, balances, folios };
}

/** The columns of the rows `plan` writes (every row of a table gives all of them). */
/** A posting's tax category and SAC: the gratuity's, and none (a line that is neither POS nor TIP). */
const TIP_CATEGORY = { category: 'TIP', sac: null } as const;
const NO_CATEGORY = { category: null, sac: null } as const;

const RECEIPT_COLUMNS: ReadonlyArray<keyof ChargeReceiptRow> = [
  'charge_id',
  'stay_id',
  'folio_id',
  'content_hash',
  'total_minor',
  'currency',
  'transaction_id',
  'balance_minor',
  'posted_at',
  'credit_override_by',
  'credit_override_reason',
  'origin',
];
const POSTING_COLUMNS: ReadonlyArray<keyof FolioDatabase['postings']> = [
  'id',
  'folio_id',
  'type',
  'amount_minor',
  'currency',
  'description',
  'business_date',
  'service_date',
  'created_at',
  'posted_by',
  'outlet_code',
  'check_number',
  'charge_ref',
  'line_no',
  'category',
  'sac',
];
const TAX_LINE_COLUMNS: ReadonlyArray<keyof OutletTaxLineTable> = [
  'charge_id',
  'group_no',
  'category',
  'sac',
  'rate',
  'taxable_minor',
  'tax_code',
  'tax_minor',
];

export function createChargeService({ db, clock, newId }: FolioContext) {
  // A batch's rows go in power-of-two chunks of multi-row INSERTs, each compiled once per size.
  const inserts = {
    receipts: new InsertTemplate<ChargeReceiptRow>(RECEIPT_COLUMNS, (rows) =>
      db.insertInto('charge_receipts').values(rows),
    ),
    postings: new InsertTemplate<Insertable<FolioDatabase['postings']>>(POSTING_COLUMNS, (rows) =>
      db.insertInto('postings').values(rows),
    ),
    taxLines: new InsertTemplate<Insertable<OutletTaxLineTable>>(TAX_LINE_COLUMNS, (rows) =>
      db.insertInto('outlet_tax_lines').values(rows),
    ),
  };
  let single: ReturnType<typeof singleChargeReads> | undefined;
  function checkReplay(receipt: ChargeReceiptRow, contentHash: string): void {
    if (receipt.content_hash !== contentHash) {
      throw new FolioError(
        'IDEMPOTENCY_CONFLICT',
        'this charge id was already posted with different content',
        {
          chargeId: receipt.charge_id,
          transactionId: receipt.transaction_id,
        },
      );
    }
  }

  async function replay(trx: Db, receipt: ChargeReceiptRow, contentHash: string): Promise<PostChargeResult> {
    checkReplay(receipt, contentHash);
    return storedResult(trx, receipt, true);
  }

  /** The checks of seed 000 against what the batch read, in their order; the rows to write. */
  function plan(reads: BatchReads, charge: ValidChargeInput, contentHash: string): Planned {
    const { property } = reads;
    if (charge.currency !== property.currency) {
      throw new FolioError('VALIDATION_FAILED', 'charge currency differs from the property currency', {
        field: 'currency',
        currency: charge.currency,
        propertyCurrency: property.currency,
      });
    }
    const stay = reads.stays.get(charge.stayRef);
    if (!stay || stay.room_number !== charge.roomNumber) {
      throw new FolioError('ROOM_NOT_FOUND', 'no such stay in this room', {
        stayRef: charge.stayRef,
        roomNumber: charge.roomNumber,
        ...(stay ? { stayRoomNumber: stay.room_number } : {}),
      });
    }
    if (stay.status !== 'in_house') {
      throw new FolioError('GUEST_CHECKED_OUT', 'the guest has checked out', { stayRef: stay.id });
    }
    if (stay.no_post === 1) {
      throw new FolioError('CHARGES_BLOCKED', 'room charges are blocked for this stay', { stayRef: stay.id });
    }
    const balanceMinor = reads.balances.get(stay.id) ?? 0;
    const limit = stay.credit_limit_minor;
    const overLimit = limit !== null && balanceMinor + charge.totalMinor > limit;
    if (overLimit && charge.overrideCreditLimit === undefined) {
      throw new FolioError('CREDIT_EXCEEDED', 'the charge would exceed the credit limit', {
        creditLimitMinor: limit,
        balanceMinor,
        chargeMinor: charge.totalMinor,
      });
    }
    const folio = reads.folios.get(stay.id);
    if (!folio) throw new FolioError('NOT_FOUND', 'the stay has no folio window 1', { stayRef: stay.id });

    const postedAt = clock.now().toISOString();
    const override = overLimit ? (charge.overrideCreditLimit ?? null) : null;
    const receipt: ChargeReceiptRow = {
      charge_id: charge.chargeId,
      stay_id: stay.id,
      folio_id: folio.id,
      content_hash: contentHash,
      total_minor: charge.totalMinor,
      currency: charge.currency,
      transaction_id: newId(),
      balance_minor: asMinorUnits(balanceMinor + charge.totalMinor),
      posted_at: postedAt,
      credit_override_by: override?.by.trim() ?? null,
      credit_override_reason: override?.reason.trim() ?? null,
      origin: charge.origin ?? null,
    };
    const lines = buildChargeLines(charge);
    // The tax the outlet computed, per category and rate, for the invoice (Rule 46); the POS line takes
    // its largest group's category and SAC, the gratuity is TIP (never taxed) on a line of its own.
    const groups = outletTaxGroups(
      charge.items ?? [{ amountMinor: charge.subtotalMinor, taxMinor: charge.taxMinor }],
    );
    const main = mainCategory(groups);
    const tipLine = charge.tipAsSeparateLine && charge.tipMinor > 0 ? lines[lines.length - 1] : undefined;
    // Every row with the same columns, so a batch's lines go in multi-row INSERTs.
    const postings = lines.map((line) => {
      const kind = line === tipLine ? TIP_CATEGORY : line.type === 'POS' && main ? main : NO_CATEGORY;
      return {
        id: newId(),
        folio_id: folio.id,
        type: line.type,
        amount_minor: line.amountMinor,
        currency: charge.currency,
        description: line.description,
        business_date: property.businessDate,
        service_date: charge.serviceDate ?? property.businessDate,
        created_at: postedAt,
        posted_by: charge.postedBy.trim(),
        outlet_code: charge.outletCode,
        check_number: charge.checkNumber,
        charge_ref: charge.chargeId,
        line_no: line.lineNo,
        category: kind.category,
        sac: kind.sac,
      };
    });
    const taxLines = groups.map((g, i) => ({
      charge_id: charge.chargeId,
      group_no: i + 1,
      category: g.category,
      sac: g.sac,
      rate: g.rate,
      taxable_minor: g.taxableMinor,
      tax_code: g.code ?? 'GST',
      tax_minor: g.taxMinor,
    }));
    reads.balances.set(stay.id, balanceMinor + charge.totalMinor);
    return { receipt, postings, taxLines };
  }

  /**
   * Posts valid charges in the caller's transaction: the batch's receipts, stays, balances and folio
   * windows read with one query each, every charge checked in order against them (a charge's balance
   * includes the batch's earlier charges to the same stay), then all rows written with multi-row
   * INSERTs. A refused charge is refused before anything is written, so it fails alone. A charge id
   * seen earlier (stored, or earlier in this batch) replays.
   */
  async function postAll(
    trx: Db,
    charges: ReadonlyArray<{ charge: ValidChargeInput; contentHash: string }>,
  ): Promise<Array<PostChargeResult | FolioError>> {
    const reads = await readBatch(
      trx,
      charges.map((c) => c.charge),
      () => {
        single ??= singleChargeReads(db);
        return single;
      },
    );
    const planned = new Map<string, Planned>();
    const out: Array<PostChargeResult | FolioError> = [];
    for (const { charge, contentHash } of charges) {
      try {
        const inBatch = planned.get(charge.chargeId);
        if (inBatch) {
          checkReplay(inBatch.receipt, contentHash);
          out.push(toResult(inBatch.receipt, idsOf(inBatch), true));
          continue;
        }
        // Before any other check: a charge posted yesterday must replay even if the guest has left since.
        const earlier = reads.receipts.get(charge.chargeId);
        if (earlier) {
          out.push(await replay(trx, earlier, contentHash));
          continue;
        }
        const one = plan(reads, charge, contentHash);
        planned.set(charge.chargeId, one);
        out.push(toResult(one.receipt, idsOf(one), false));
      } catch (error) {
        if (!(error instanceof FolioError)) throw error;
        out.push(error);
      }
    }
    const all = [...planned.values()];
    for (const rows of powerOfTwoChunks(all.map((p) => p.receipt))) await inserts.receipts.execute(trx, rows);
    for (const rows of powerOfTwoChunks(all.flatMap((p) => p.postings))) {
      await inserts.postings.execute(trx, rows);
    }
    for (const rows of powerOfTwoChunks(all.flatMap((p) => p.taxLines)))
      await inserts.taxLines.execute(trx, rows);
    return out;
  }

  return {
    /**
     * Posts a room charge to folio window 1 of the stay, or replays it. Errors, in order: VALIDATION_FAILED,
     * ROOM_NOT_FOUND, GUEST_CHECKED_OUT, CHARGES_BLOCKED, CREDIT_EXCEEDED; IDEMPOTENCY_CONFLICT when the
     * charge id was used for different content.
     */
    async postCharge(input: PostChargeInput): Promise<PostChargeResult> {
      const charge = validateChargeInput(input);
      const contentHash = chargeContentHash(charge);
      try {
        return await db.transaction().execute(async (trx) => {
          const [answer] = await postAll(trx, [{ charge, contentHash }]);
          if (answer === undefined || answer instanceof FolioError) throw answer;
          return answer;
        });
      } catch (error) {
        // Another writer committed the same charge id between our check and our insert (possible on
        // PostgreSQL, or any store without BEGIN IMMEDIATE): the stored receipt decides the answer.
        if (!isUniqueViolation(error)) throw error;
        const winner = await findChargeReceipt(db, charge.chargeId);
        if (!winner) throw error;
        return replay(db, winner, contentHash);
      }
    },

    /**
     * Many charges in one transaction (see postAll): each gets its own answer, a refused one its own
     * FolioError. Anything else (the store failed) is thrown for all and nothing is written.
     */
    async postCharges(inputs: PostChargeInput[]): Promise<Array<PostChargeResult | FolioError>> {
      const out: Array<PostChargeResult | FolioError | null> = [];
      const valid: Array<{ charge: ValidChargeInput; contentHash: string }> = [];
      const slots: number[] = [];
      for (const input of inputs) {
        try {
          const charge = validateChargeInput(input);
          slots.push(out.length);
          out.push(null);
          valid.push({ charge, contentHash: chargeContentHash(charge) });
        } catch (error) {
          if (!(error instanceof FolioError)) throw error;
          out.push(error);
        }
      }
      if (valid.length > 0) {
        const answers = await db.transaction().execute((trx) => postAll(trx, valid));
        answers.forEach((answer, i) => {
          out[slots[i] as number] = answer;
        });
      }
      return out as Array<PostChargeResult | FolioError>;
    },

    /** The stored result of a posted charge (duplicate: false), or null if the id was never posted. */
    async getChargeResult(chargeId: string): Promise<PostChargeResult | null> {
      const receipt = await findChargeReceipt(db, chargeId);
      return receipt ? storedResult(db, receipt, false) : null;
    },
  };
}

function idsOf(planned: Planned): string[] {
  return planned.postings.map((p) => p.id as string);
}

async function storedResult(
  db: Db,
  receipt: ChargeReceiptRow,
  duplicate: boolean,
): Promise<PostChargeResult> {
  return toResult(receipt, await selectPostingIdsByChargeRef(db, receipt.charge_id), duplicate);
}

/** A literal naming every field (a spread of another result copies it through V8's slow path per charge). */
function toResult(receipt: ChargeReceiptRow, postingIds: string[], duplicate: boolean): PostChargeResult {
  return {
    chargeId: receipt.charge_id,
    transactionId: receipt.transaction_id,
    stayRef: receipt.stay_id,
    folioId: receipt.folio_id,
    postingIds,
    totalMinor: asMinorUnits(receipt.total_minor),
    balanceMinor: asMinorUnits(receipt.balance_minor),
    postedAt: receipt.posted_at,
    creditOverride:
      receipt.credit_override_by === null
        ? null
        : { by: receipt.credit_override_by, reason: receipt.credit_override_reason ?? '' },
    duplicate,
  };
}
