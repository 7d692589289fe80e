import { systemClock } from '../../../central/src/clock.js';
import { createRestAdapter } from '../../../central/src/pms/rest/rest-adapter.js';
import { restPmsConfig } from '../../../central/src/pms/rest/rest-config.js';
import { startRestSimulator } from '../../../central/src/pms/rest/rest-simulator.js';
import { type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';

// An illustrative StayNTouch-style description (StayNTouch publishes no posting spec): the adapter
// and its simulator both run from this one config, so the contract proves the template mechanism.
const stayntouchLike = {
  kind: 'rest',
  name: 'stayntouch',
  currency: 'USD',
  timeoutMs: 800,
  auth: { type: 'header', name: 'X-Api-Key', value: 'k-123' },
  lookup: {
    method: 'GET',
    path: 'hotels/H1/rooms/{{roomNumber}}/occupant',
    fields: {
      stayRef: 'reservation.id',
      lastName: 'guest.last_name',
      firstName: 'guest.first_name',
      confirmation: 'reservation.confirmation_no',
      checkIn: 'reservation.arrival_date',
      checkOut: 'reservation.departure_date',
      balance: 'reservation.balance',
      creditLimit: 'reservation.credit_limit',
      noPost: 'reservation.no_post',
      status: 'reservation.status',
    },
    checkedOutValue: 'CHECKED_OUT',
  },
  post: {
    method: 'POST',
    path: 'hotels/H1/reservations/{{stayRef}}/charges',
    body: {
      external_ref: '{{chargeId}}',
      reservation_id: '{{stayRef}}',
      outlet: '{{outletCode}}',
      check_no: 'CHK-{{checkNumber}}',
      amounts: { net: '{{subtotal}}', tax: '{{tax}}', tip: '{{tip}}', total: '{{total}}' },
      lines: '{{items}}',
    },
    resultId: 'charge.id',
    balance: 'reservation.balance',
  },
  findPosting: { method: 'GET', path: 'hotels/H1/charges/by-ref/{{chargeId}}', foundId: 'charge.id' },
  errors: {
    code: 'error.code',
    message: 'error.message',
    map: { E_NOT_FOUND: 'ROOM_NOT_FOUND', E_CREDIT: 'CREDIT_EXCEEDED', E_NOPOST: 'CHARGES_BLOCKED' },
  },
};

// A second shape: minor units, errors as HTTP 200 `{ ok: false }`, dedupe on an Idempotency-Key header.
const idempotentShape = {
  ...stayntouchLike,
  name: 'pms-with-key',
  amounts: 'minor',
  idempotent: true,
  idempotencyHeader: 'Idempotency-Key',
  post: { ...stayntouchLike.post, duplicate: 'replayed' },
  findPosting: undefined,
  errors: {
    success: 'ok',
    code: 'err',
    message: 'msg',
    map: { '1001': 'CREDIT_EXCEEDED', '1002': 'CHARGES_BLOCKED' },
  },
};

function harness(shape: Record<string, unknown>, idempotent: boolean) {
  return async (): Promise<PmsHarness> => {
    const template = restPmsConfig.parse({ ...shape, baseUrl: 'http://placeholder.invalid' });
    const sim = await startRestSimulator(template);
    const adapter = createRestAdapter({ ...template, baseUrl: sim.baseUrl }, { clock: systemClock });
    return {
      adapter,
      currency: 'USD',
      idempotent,
      tellsCheckedOut: true,
      faults: sim.server.faults,
      seedGuest: async (g) => sim.seedGuest(g),
      postingsFor: async (room) => sim.hotel.postingsFor(room),
      close: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  };
}

runPmsAdapterContract('rest (StayNTouch-style, read-back)', harness(stayntouchLike, false));
runPmsAdapterContract('rest (minor units, Idempotency-Key)', harness(idempotentShape, true));
