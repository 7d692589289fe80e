// A staff proof: who signed in at which device, signed by central after it checked the PIN itself.
//   rp1.<base64url JSON { sid, role, dev, iat, exp, fac? }>.<base64url HMAC-SHA256>
// The key is derived from central's secret key (ROOMPOST_SECRET_KEY / data dir), so only central
// can mint one and a restart keeps earlier proofs valid. A device cannot forge or alter one, and one
// minted for another device is refused (`dev` is checked against the publishing device).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StaffRole } from '@roompost/sync';

export interface StaffProofClaims {
  /** Staff id. */
  sid: string;
  role: StaffRole;
  /** The device it was minted for. */
  dev: string;
  /** Issued and expiry, epoch milliseconds. */
  iat: number;
  exp: number;
  /** 2: central checked the staff badge as well as the PIN; absent: the PIN alone. */
  fac?: 2;
}

/** How long a proof is good for: one shift's stretch of work at the terminal. */
export const STAFF_PROOF_TTL_MS = 60 * 60_000;

export interface StaffProofSigner {
  mint(claims: StaffProofClaims): string;
  /** The claims of a proof this central signed; null for anything else (forged, altered, malformed). */
  open(proof: string): StaffProofClaims | null;
}

export function staffProofSigner(secretKey: Buffer): StaffProofSigner {
  const key = createHmac('sha256', secretKey).update('roompost staff proof v1').digest();
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    mint(claims) {
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `rp1.${body}.${sign(body)}`;
    },
    open(proof) {
      const [tag, body, mac] = proof.split('.');
      if (tag !== 'rp1' || !body || !mac) return null;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StaffProofClaims;
        if (typeof c.sid !== 'string' || typeof c.dev !== 'string' || !Number.isFinite(c.exp)) return null;
        return c;
      } catch {
        return null;
      }
    },
  };
}
