// An illustrative StayNTouch-style description for the configurable REST adapter (StayNTouch
// publishes no posting spec). The demo and the contract tests both run adapter and simulator from it,
// adding their own currency, timeout and credentials.
export const STAYNTOUCH_STYLE_EXAMPLE = {
  kind: 'rest',
  name: 'stayntouch',
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
