// What an outlet may ask central over MQTT request/response: look up a room or a key card, and
// (for its own charges, with a manager signed in on the edge) retry a posting now or void it,
// fetch its own outlet's item master, and ask where its own charges stand.
import type { RpcHandler, StaffSignIn } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { CatalogService } from '../catalog/catalog-service.js';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { STAFF_PROOF_TTL_MS, type StaffProofSigner } from '../staff/staff-proof.js';
import type { StaffRoster } from '../staff/staff-roster.js';
import { verifyStaffClaim } from '../staff/verify-staff-claim.js';
import { voidNotDone } from '../voids/void-not-done.js';
import type { VoidService } from '../voids/void-service.js';
import { chargeStatusOf } from './charge-status.js';
import { databaseMissLog } from './lookup-misses.js';
import { OutletLookups } from './outlet-lookups.js';
import type { PostingPipeline } from './posting-pipeline.js';
import { findCharge, findChargesOfDevice } from './room-charge.repository.js';

export function outletRpcHandler(deps: {
  adapter: PmsAdapter;
  pipeline: PostingPipeline;
  db: Kysely<CentralDatabase>;
  /** `db` on reads that need not wait for the disk: the lookup throttle counts misses through it. */
  unsyncedReads?: Kysely<CentralDatabase>;
  clock: Clock;
  voids: VoidService;
  catalog: CatalogService;
  /** The outlet the calling device belongs to; undefined for a device central does not know. */
  outletOf: (device: string) => Promise<string | undefined>;
  /** Outlet staff and their proofs; a device whose outlet is not a staff outlet gets neither. */
  staff: {
    roster: StaffRoster;
    signer: StaffProofSigner;
    isStaffOutlet: (outlet: string) => boolean;
    /** How staff sign in at an outlet (default `pin`): `pin+badge` needs the badge for a proof. */
    signInOf?: (outlet: string) => StaffSignIn;
  };
  /** Self-service lookups that found nobody, per device, before it must wait. */
  lookupMissLimit?: { count: number; windowMs: number };
}): RpcHandler {
  const signInOf = deps.staff.signInOf ?? (() => 'pin' as const);
  const lookups = new OutletLookups({
    adapter: deps.adapter,
    outletOf: deps.outletOf,
    isStaffOutlet: deps.staff.isStaffOutlet,
    signInOf,
    staff: deps.staff,
    now: () => deps.clock.now(),
    ...(deps.lookupMissLimit ? { missLimit: deps.lookupMissLimit } : {}),
    misses: databaseMissLog(deps.db, deps.unsyncedReads),
  });
  const staffOutletOf = async (device: string) => {
    const outlet = await deps.outletOf(device);
    if (!outlet || !deps.staff.isStaffOutlet(outlet)) {
      throw new CentralError('FORBIDDEN', `device ${device} is not at a staff outlet`);
    }
    return outlet;
  };
  return async (request, device) => {
    switch (request.method) {
      case 'lookupRoom':
        return lookups.room(device, request.params);
      case 'lookupCredential':
        return lookups.credential(device, request.params.uid);
      case 'retryPosting': {
        const { chargeId, actor, note } = request.params;
        const row = await findCharge(deps.db, chargeId);
        // Another outlet's charge is answered like an unknown one.
        if (!row || row.device !== device)
          throw new CentralError('NOT_FOUND', `no posting ${chargeId} from ${device}`);
        const after = await deps.pipeline.retryNow(chargeId, `${device}:${actor}`, note);
        return chargeStatusOf(after, deps.clock.now());
      }
      case 'withdrawCharge': {
        const { chargeId, actor, reason, withdrawalId, charge } = request.params;
        if (charge.chargeId !== chargeId) {
          throw new CentralError('VALIDATION_FAILED', 'the charge sent is not the charge to withdraw', {
            field: 'charge.chargeId',
          });
        }
        const row = await findCharge(deps.db, chargeId);
        if (row && row.device !== device)
          throw new CentralError('NOT_FOUND', `no posting ${chargeId} from ${device}`);
        const after = await deps.pipeline.withdraw(chargeId, `${device}:${actor}`, reason, {
          withdrawalId,
          charge,
          device,
        });
        return chargeStatusOf(after, deps.clock.now());
      }
      case 'voidCharge': {
        const { chargeId, actor, reason, proof } = request.params;
        const row = await findCharge(deps.db, chargeId);
        if (!row || row.device !== device)
          throw new CentralError('NOT_FOUND', `no posting ${chargeId} from ${device}`);
        // Central checks the manager itself: a proof it signed, for this device, whose role may void.
        const outlet = await deps.outletOf(device);
        const verdict = await verifyStaffClaim(
          { kind: 'void', proof, actor, at: deps.clock.now() },
          {
            signer: deps.staff.signer,
            device,
            roleOf: (id) => deps.staff.roster.roleOf(id),
            signIn: outlet ? signInOf(outlet) : 'pin',
          },
        );
        if (!verdict.ok) throw new CentralError(verdict.code, verdict.message);
        const done = await deps.voids.request(chargeId, `${device}:${actor}`, reason);
        if (done.void.status !== 'voided') throw voidNotDone(done.void);
        return deps.voids.statusOf(done.charge, done.void);
      }
      case 'staffRoster': {
        const outlet = await staffOutletOf(device);
        return { v: 1, staff: await deps.staff.roster.roster(), signIn: signInOf(outlet) };
      }
      case 'staffProof': {
        const outlet = await staffOutletOf(device);
        const { staffId, pin, badge } = request.params;
        const member = await deps.staff.roster.checkPin(staffId, pin, {
          badge,
          badgeRequired: signInOf(outlet) === 'pin+badge',
        });
        const iat = deps.clock.now().getTime();
        const exp = iat + STAFF_PROOF_TTL_MS;
        const proof = deps.staff.signer.mint({
          sid: member.id,
          role: member.role,
          dev: device,
          iat,
          exp,
          ...(member.badge ? { fac: 2 as const } : {}),
        });
        return { v: 1, proof, expiresAt: new Date(exp).toISOString() };
      }
      case 'catalog': {
        // The outlet comes from who is asking: a device only ever receives its own outlet's menu.
        const outlet = await deps.outletOf(device);
        if (!outlet) throw new CentralError('NOT_FOUND', `device ${device} belongs to no outlet`);
        return deps.catalog.forOutlet(outlet);
      }
      case 'chargeStatuses': {
        // Only the caller's own charges; any other id is left out, as an unknown one is.
        const rows = await findChargesOfDevice(deps.db, device, request.params.chargeIds);
        return { v: 1, statuses: await deps.voids.statusesOf(rows) };
      }
    }
  };
}
