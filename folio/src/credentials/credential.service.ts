// Key cards and wristbands linked to a stay, so a tap at an outlet finds the guest.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { requireStay } from '../stays/stay.service.js';
import { invalid } from '../validation.js';
import { normalizeCardUid } from './card-uid.js';
import { findActiveCredential, insertCredential, revokeCredentialById } from './key-credential.repository.js';

export interface IssueCredentialInput {
  uid: string;
  stayId: string;
}

export interface IssuedCredential {
  uid: string;
  stayRef: string;
  issuedAt: string;
}

export function createCredentialService({ db, clock, newId }: FolioContext) {
  return {
    /**
     * Links a card to an in-house stay. Encoding a card that is still linked elsewhere moves it: the front
     * desk holds the card while encoding, so the old link is revoked. Re-issuing to the same stay is a no-op.
     */
    async issueCredential(input: IssueCredentialInput): Promise<IssuedCredential> {
      const uid = normalizeCardUid(input.uid);
      if (uid === null) throw invalid('uid', 'must be 8–20 hex digits', { value: input.uid });
      return db.transaction().execute(async (trx) => {
        const stay = await requireStay(trx, input.stayId);
        if (stay.status !== 'in_house') {
          throw new FolioError('GUEST_CHECKED_OUT', 'cannot issue a card to a departed stay', {
            stayRef: stay.id,
          });
        }
        const now = clock.now().toISOString();
        const current = await findActiveCredential(trx, uid);
        if (current?.stay_id === stay.id) return { uid, stayRef: stay.id, issuedAt: current.issued_at };
        if (current) await revokeCredentialById(trx, current.id, now);
        await insertCredential(trx, { id: newId(), uid, stay_id: stay.id, issued_at: now, revoked_at: null });
        return { uid, stayRef: stay.id, issuedAt: now };
      });
    },

    /** CREDENTIAL_NOT_FOUND when no unrevoked credential has this UID. */
    async revokeCredential(uid: string): Promise<void> {
      const cardUid = normalizeCardUid(uid);
      await db.transaction().execute(async (trx) => {
        const current = cardUid === null ? undefined : await findActiveCredential(trx, cardUid);
        if (!current)
          throw new FolioError('CREDENTIAL_NOT_FOUND', 'no active key card with this UID', { uid });
        await revokeCredentialById(trx, current.id, clock.now().toISOString());
      });
    },
  };
}
