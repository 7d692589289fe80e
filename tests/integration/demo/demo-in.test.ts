// `ROOMPOST_DEMO=in npm start`: the Indian demo property runs the whole appliance in INR. The kiosk gets
// the outlet's currency and locale from its edge and formats with lakh grouping; key cards resolve to
// Amber Haveli's guests; the folio engine holds the property's GST identity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMinor } from '@roompost/folio';
import type { KioskLookup } from '@roompost/sync';
import { startTestDemo } from '../../support/demo.js';
import { api, eventually } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the Indian demo runs in INR with en-IN outlets, its cards resolve and it has a GSTIN', async (t) => {
  const stack = await startTestDemo(t, { demo: 'in' });
  assert.equal(stack.profile.hotelName, 'Amber Haveli Jaipur');

  for (const url of [stack.edgeUrl, stack.restaurantUrl]) {
    const outlet = (await api<Json>(url, '/api/outlet')).body;
    assert.deepEqual(
      [outlet.currency, outlet.locale, outlet.timeZone],
      ['INR', 'en-IN', 'Asia/Kolkata'],
      url,
    );
    // What the kiosk renders with that outlet (kiosk-ui/src/kiosk/app.tsx): lakh grouping.
    assert.equal(formatMinor(1_234_567_89, outlet.currency, outlet.locale), '₹12,34,567.89');
  }
  const restaurant = (await api<Json>(stack.restaurantUrl, '/api/outlet')).body;
  assert.equal(restaurant.name, 'Chandni Mahal');

  const lookup = await eventually(async () => {
    const res = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', { uid: '08A1B2C3' });
    return res.status === 200 ? res.body : undefined;
  }, 'room 204 by key card');
  assert.deepEqual([lookup.roomNumber, lookup.guestName, lookup.chargesAllowed], ['204', 'A. M****', true]);

  // Read from the folio engine: the demo's central.json has no users yet to sign in with (issue #8).
  const property = await stack.central.folio.getPropertyProfile();
  assert.deepEqual(
    [property.name, property.currency, property.gstin, property.stateCode, property.specifiedPremises],
    ['Amber Haveli Jaipur', 'INR', '08AAKCA4521M1ZH', '08', true],
  );
});
