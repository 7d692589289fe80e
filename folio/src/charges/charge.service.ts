// Posting a room charge exactly once: the checks of seed 000, then lines and receipt in one transaction.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { findFolioWindow } from '../folios/folio.repository.js';
import { insertPostings, selectPostingIdsByChargeRef, sumStay } from '../folios/posting.repository.js';
import { asMinorUnits } from '../money/index.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { requireProperty } from '../property/property.service.js';
import { findStayDetail } from '../stays/stay.repository.js';
import { mainCategory, outletTaxGroups } from '../tax/outlet-tax.js';
import { chargeContentHash } from './charge-content-hash.js';
import { buildChargeLines } from './charge-lines.js';
import {
  type ChargeReceiptRow,
  findChargeReceipt,
  insertChargeReceipt,
} from './charge-receipt.repository.js';
import {
  type PostChargeInput,
  type PostChargeResult,
  type ValidChargeInput,
  validateChargeInput,
} from './post-charge.js';

type Db = FolioContext['db'];

export function createChargeService({ db, clock, newId }: FolioContext) {
  async function replay(trx: Db, receipt: ChargeReceiptRow, contentHash: string): Promise<PostChargeResult> {
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
    return { ...(await storedResult(trx, receipt)), duplicate: true };
  }

  async function post(trx: Db, charge: ValidChargeInput, contentHash: string): Promise<PostChargeResult> {
    const earlier = await findChargeReceipt(trx, charge.chargeId);
    // Before any other check: a charge posted yesterday must replay even if the guest has left since.
    if (earlier) return replay(trx, earlier, contentHash);

    const property = await requireProperty(trx);
    if (charge.currency !== property.currency) {
      throw new FolioError('VALIDATION_FAILED', 'charge currency differs from the property currency', {
        field: 'currency',
        currency: charge.currency,
        propertyCurrency: property.currency,
      });
    }
    const stay = await findStayDetail(trx, charge.stayRef);
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
    const balanceMinor = await sumStay(trx, stay.id);
    const limit = stay.credit_limit_minor;
    const overLimit = limit !== null && balanceMinor + charge.totalMinor > limit;
    if (overLimit && charge.overrideCreditLimit === undefined) {
      throw new FolioError('CREDIT_EXCEEDED', 'the charge would exceed the credit limit', {
        creditLimitMinor: limit,
        balanceMinor,
        chargeMinor: charge.totalMinor,
      });
    }
    const folio = await findFolioWindow(trx, stay.id, 1);
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
    await insertChargeReceipt(trx, receipt);
    const lines = buildChargeLines(charge);
    // The tax the outlet computed, per category and rate, for the invoice (Rule 46); the POS line takes
    // its largest group's category and SAC, the gratuity is TIP (never taxed) on a line of its own.
    const groups = outletTaxGroups(
      charge.items ?? [{ amountMinor: charge.subtotalMinor, taxMinor: charge.taxMinor }],
    );
    const main = mainCategory(groups);
    const tipLine = charge.tipAsSeparateLine && charge.tipMinor > 0 ? lines[lines.length - 1] : undefined;
    const postings = lines.map((line) => ({
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
      ...(line === tipLine
        ? { category: 'TIP' as const }
        : line.type === 'POS' && main
          ? { category: main.category, sac: main.sac }
          : {}),
    }));
    await insertPostings(trx, postings);
    if (groups.length > 0) {
      await trx
        .insertInto('outlet_tax_lines')
        .values(
          groups.map((g, i) => ({
            charge_id: charge.chargeId,
            group_no: i + 1,
            category: g.category,
            sac: g.sac,
            rate: g.rate,
            taxable_minor: g.taxableMinor,
            tax_minor: g.taxMinor,
          })),
        )
        .execute();
    }
    return {
      ...toResult(
        receipt,
        postings.map((p) => p.id),
      ),
      duplicate: false,
    };
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
        return await db.transaction().execute((trx) => post(trx, charge, contentHash));
      } catch (error) {
        // Another writer committed the same charge id between our check and our insert (possible on
        // PostgreSQL, or any store without BEGIN IMMEDIATE): the stored receipt decides the answer.
        if (!isUniqueViolation(error)) throw error;
        const winner = await findChargeReceipt(db, charge.chargeId);
        if (!winner) throw error;
        return replay(db, winner, contentHash);
      }
    },

    async postCharges(inputs: PostChargeInput[]): Promise<Array<PostChargeResult | FolioError>> {
      const out: Array<PostChargeResult | FolioError> = [];
      const trx = await db.startTransaction().execute();
      try {
        for (const input of inputs) {
          let charge: ValidChargeInput;
          try {
            charge = validateChargeInput(input);
          } catch (error) {
            if (!(error instanceof FolioError)) throw error;
            out.push(error);
            continue;
          }
          const one = await trx.savepoint('charge').execute();
          try {
            out.push(await post(one, charge, chargeContentHash(charge)));
            await one.releaseSavepoint('charge').execute();
          } catch (error) {
            await one.rollbackToSavepoint('charge').execute();
            if (!(error instanceof FolioError)) throw error;
            out.push(error);
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute();
        throw error;
      }
      return out;
    },

    /** The stored result of a posted charge (duplicate: false), or null if the id was never posted. */
    async getChargeResult(chargeId: string): Promise<PostChargeResult | null> {
      const receipt = await findChargeReceipt(db, chargeId);
      return receipt ? { ...(await storedResult(db, receipt)), duplicate: false } : null;
    },
  };
}

async function storedResult(db: Db, receipt: ChargeReceiptRow): Promise<Omit<PostChargeResult, 'duplicate'>> {
  return toResult(receipt, await selectPostingIdsByChargeRef(db, receipt.charge_id));
}

function toResult(receipt: ChargeReceiptRow, postingIds: string[]): Omit<PostChargeResult, 'duplicate'> {
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
  };
}
