// Reading the ledger: postings and balances. Writing happens only through features that post (charges).
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import { findStay } from '../stays/stay.repository.js';
import { findFolio } from './folio.repository.js';
import { type Posting, toPosting } from './posting.js';
import { selectPostings, sumFolio, sumStay } from './posting.repository.js';

export interface ListPostingsFilter {
  stayRef?: string;
  folioId?: string;
  chargeRef?: string;
}

export function createLedgerService({ db }: FolioContext) {
  return {
    /** Postings matching every given filter (all postings if none), oldest first. */
    async listPostings(filter: ListPostingsFilter = {}): Promise<Posting[]> {
      const rows = await selectPostings(db, {
        ...(filter.stayRef === undefined ? {} : { stayId: filter.stayRef }),
        ...(filter.folioId === undefined ? {} : { folioId: filter.folioId }),
        ...(filter.chargeRef === undefined ? {} : { chargeRef: filter.chargeRef }),
      });
      return rows.map(toPosting);
    },

    /** NOT_FOUND for an unknown folio. */
    async folioBalance(folioId: string): Promise<MinorUnits> {
      if (!(await findFolio(db, folioId))) throw new FolioError('NOT_FOUND', 'unknown folio', { folioId });
      return asMinorUnits(await sumFolio(db, folioId));
    },

    /** Balance over all of the stay's folio windows. NOT_FOUND for an unknown stay. */
    async stayBalance(stayRef: string): Promise<MinorUnits> {
      if (!(await findStay(db, stayRef))) throw new FolioError('NOT_FOUND', 'unknown stay', { stayRef });
      return asMinorUnits(await sumStay(db, stayRef));
    },
  };
}
