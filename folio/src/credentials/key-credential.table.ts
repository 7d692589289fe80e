export interface KeyCredentialTable {
  id: string;
  /** Upper-case hex chip UID. Unique among unrevoked credentials; a card is re-encoded guest after guest. */
  uid: string;
  stay_id: string;
  issued_at: string;
  revoked_at: string | null;
}
