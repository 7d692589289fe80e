// `npm start` pointed at each PMS simulator (issue #7's done-when): a kiosk charge to room 412 posts
// to the simulator, once, and not to the built-in folio engine.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { SIMULATED_PMS_KINDS } from '../../../central/src/pms/simulated-pms.js';
import { startTestDemo } from '../../support/demo.js';
import { api, eventually } from '../../support/stack.js';

const JAMES_CARD = '04A1B2C3'; // Mr. James Wilson, room 412
const NO_POST_CARD = '04E5F6A7'; // Mr. Robert Garcia, room 407

for (const kind of SIMULATED_PMS_KINDS) {
  test(`demo on the ${kind} simulator: a kiosk charge to room 412 posts there exactly once, No-Post holds`, async (t) => {
    const stack = await startTestDemo(t, { pms: kind });
    assert.equal(stack.central.adapter.kind, kind);
    const pms = stack.pms;
    assert.ok(pms, 'a simulator was started');
    const folioPostingsBefore = (await stack.central.folio.listPostings()).length;

    // The FIAS link comes up on its own a moment after central starts: retry until it answers.
    const lookup = await eventually(async () => {
      const res = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', { uid: JAMES_CARD });
      return res.status === 200 ? res.body : undefined;
    }, `room 412 through ${kind}`);
    assert.equal(lookup.roomNumber, '412');
    assert.equal(lookup.guestName, 'J. W****'); // self-service kiosks mask the name
    assert.equal(lookup.chargesAllowed, true);

    // Seeded from the demo hotel's own data: Mr. Garcia's stay is No-Post in the PMS too. PMSs whose
    // lookup does not carry the flag (Cloudbeds, OPERA Cloud) refuse the posting instead.
    const blocked = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', { uid: NO_POST_CARD });
    assert.equal(blocked.status, 200);
    if (blocked.body.chargesAllowed) {
      const refused = await api<ChargeView>(stack.edgeUrl, '/api/checks', {
        requestId: randomUUID(),
        verificationId: blocked.body.verificationId,
        items: [{ sku: 'WATER', quantity: 1 }],
      });
      const ended = await eventually(async () => {
        const c = await api<ChargeView>(stack.edgeUrl, `/api/charges/${refused.body.id}`);
        return ['pending', 'accepted', 'queued'].includes(c.body.status) ? undefined : c.body;
      }, `the No-Post charge to be refused by ${kind}`);
      assert.equal(ended.status, 'rejected');
      assert.equal(ended.error?.code, 'CHARGES_BLOCKED');
    }
    assert.deepEqual(pms.postingsFor('407'), []);

    const check = await api<ChargeView>(stack.edgeUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: lookup.verificationId,
      items: [{ sku: 'WATER', quantity: 1 }],
    });
    assert.equal(check.status, 201);
    const posted = await eventually(async () => {
      const c = await api<ChargeView>(stack.edgeUrl, `/api/charges/${check.body.id}`);
      return c.body.status === 'posted' ? c.body : undefined;
    }, `the charge to post to ${kind}`);

    const held = pms.postingsFor('412');
    assert.equal(held.length, 1, `${kind} holds the charge once`);
    assert.equal(held[0]?.totalMinor, posted.totalMinor);
    assert.equal((await stack.central.folio.listPostings()).length, folioPostingsBefore, 'not in the folio');
  });
}

test('the demo without a PMS option stays on the built-in folio engine', async (t) => {
  const stack = await startTestDemo(t);
  assert.equal(stack.pms, null);
  assert.equal(stack.central.adapter.kind, 'builtin');
});
