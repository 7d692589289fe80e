import type { ChargeInboxHandler, Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { DeviceDirectory } from '../devices/device-directory.js';
import type { ChargeAdmission } from './charge-admission.js';
import { chargeStatusOf, refusedStatus } from './charge-status.js';
import type { GuestNameFill } from './guest-name-fill.js';
import type { PostingPipeline } from './posting-pipeline.js';
import { chargeLookup } from './room-charge.repository.js';

/**
 * How long the answer to a new charge waits for its first posting attempt. Below the edge's first
 * re-publish (5 s after the broker's PUBACK), so a waiting answer never makes the edge send the
 * charge again; a PMS that takes longer gets "accepted" first and the outcome afterwards.
 */
const ANSWER_WITHIN_MS = 2_000;

/**
 * Charges arriving over MQTT: a new one passes admission (charge-admission.ts) before it is stored;
 * a refusal is answered `rejected` with its code and nothing is written. A replay of a stored charge
 * is answered by the pipeline (its current status), only to the device that sent it.
 */
export function chargeIntake(deps: {
  db: Kysely<CentralDatabase>;
  pipeline: PostingPipeline;
  admission: ChargeAdmission;
  directory: DeviceDirectory;
  clock: Clock;
  logger: Logger;
  /** Puts the folio's name on a self-service charge, which arrives with the guest screen's initials. */
  guestNames?: GuestNameFill;
  /** How long a new charge's answer waits for its first posting attempt (default 2 s; 0: never). */
  answerWithinMs?: number;
}): ChargeInboxHandler {
  // Charges of one burst are looked up together (one query, not one per charge).
  const findCharge = chargeLookup(deps.db);
  return {
    async receive(charge, deviceId) {
      const stored = await findCharge(charge.chargeId);
      const device = stored ? undefined : await deps.directory.entry(deviceId);
      const refusal = stored
        ? stored.device === deviceId
          ? null
          : { code: 'DEVICE_NOT_ALLOWED' as const, message: `charge ${charge.chargeId} is not this device's` }
        : await deps.admission.admit(charge, { kind: 'device', id: deviceId, device });
      if (refusal) {
        deps.logger.warn(
          { device: deviceId, chargeId: charge.chargeId, code: refusal.code, context: refusal.context },
          'charge refused at admission',
        );
        return refusedStatus(charge.chargeId, refusal, deps.clock.now());
      }
      // A self-service charge carries the guest screen's initials: stored with the folio's name when
      // central remembers the stay (not part of what makes two deliveries the same charge), else filled in after.
      const selfService = device?.mode === 'self-service' ? deps.guestNames : undefined;
      const toStore = selfService ? selfService.named(charge) : charge;
      const received = await deps.pipeline.receive(toStore, deviceId, 'mqtt', {
        answerWithinMs: deps.answerWithinMs ?? ANSWER_WITHIN_MS,
      });
      if (received.isNew) deps.pipeline.kick();
      if (received.isNew && selfService && toStore === charge) selfService.fill(charge);
      // Posted (or refused by the PMS) moments after it was stored: one answer, not "accepted" then "posted".
      const attempted = await received.attempted;
      return attempted ? chargeStatusOf(attempted, deps.clock.now()) : received.status;
    },
  };
}
