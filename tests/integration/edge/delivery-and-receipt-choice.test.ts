// Issue #5's last kiosk gaps at the edge: the in-room dining delivery charge (priced by the edge, its
// own line in the quote, the charge, the receipt and what the PMS receives) and the guest's receipt
// choice after a charge (printed copy, QR code of a keyed receipt link, e-mail request queued).
// Real edge and central on loopback.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { createBuiltinAdapter, type PmsChargeRequest } from '@roompost/central';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup, OutletView, StaffSessionView } from '@roompost/sync';
import { api, eventually, screenToken, startTestStack, type TestStack } from '../../support/stack.js';

let staff: EdgeConfig['staff'];
before(async () => {
  staff = [{ id: 'sam', name: 'Sam', role: 'server', pinHash: await hashPin('1111') }];
});

const DELIVERY = { chargeMinor: 500, taxRate: '0.05', name: 'Delivery charge' };

async function signIn(stack: TestStack): Promise<string> {
  const res = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '1111' });
  assert.equal(res.status, 201);
  return res.body.token;
}

async function lookUp(stack: TestStack, token?: string, body: object = { roomNumber: '412' }) {
  const res = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', body, token);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.verificationId;
}

test('staff in-room dining: "delivery to room" adds the edge-priced delivery line to the quote, the charge, the receipt and the PMS posting', async (t) => {
  const received: PmsChargeRequest[] = [];
  const stack = await startTestStack(t, {
    mode: 'staff',
    staff,
    outlet: { code: 'POOL', delivery: DELIVERY },
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        postCharge: (charge) => {
          received.push(charge);
          return builtin.postCharge(charge);
        },
      };
    },
  });
  const edge = stack.edge.httpUrl;
  const outlet = await api<OutletView>(edge, '/api/outlet');
  assert.deepEqual(outlet.body.delivery, { chargeMinor: 500, name: 'Delivery charge', defaultOn: true });

  const items = [{ sku: 'BEER', quantity: 2 }];
  const plain = await api(edge, '/api/checks/quote', { items, tipMinor: 300 });
  const quote = await api<
    { lines: Array<{ sku: string; amountMinor: number; taxMinor: number }> } & Record<string, number>
  >(edge, '/api/checks/quote', { items, tipMinor: 300, delivery: true });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  assert.deepEqual(quote.body.lines.at(-1), {
    sku: 'DELIVERY',
    name: 'Delivery charge',
    quantity: 1,
    unitPriceMinor: 500,
    amountMinor: 500,
    taxMinor: 25,
  });
  assert.equal(quote.body.subtotalMinor, (plain.body.subtotalMinor as number) + 500);
  assert.equal(quote.body.taxMinor, (plain.body.taxMinor as number) + 25, 'delivery taxed at 5 %');
  assert.equal(quote.body.tipMinor, 300, 'the tip is never taxed');
  assert.equal(quote.body.totalMinor, (plain.body.totalMinor as number) + 525);

  // The kiosk cannot name an amount: a stray field is refused, writing nothing.
  const sneaky = await api(edge, '/api/checks/quote', { items, delivery: true, deliveryMinor: 1 });
  assert.deepEqual([sneaky.status, sneaky.body.code], [400, 'VALIDATION_FAILED']);

  const token = await signIn(stack);
  const verificationId = await lookUp(stack, token);
  const created = await api<ChargeView>(
    edge,
    '/api/checks',
    { requestId: randomUUID(), verificationId, items, tipMinor: 300, delivery: true },
    token,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.totalMinor, quote.body.totalMinor);
  assert.deepEqual(
    created.body.items.map((i) => [i.sku, i.amountMinor, i.taxMinor]),
    [
      ['BEER', 1800, quote.body.lines[0]!.taxMinor],
      ['DELIVERY', 500, 25],
    ],
  );
  assert.match(created.body.receiptText, /Delivery charge/);
  const printed = await eventually(async () => {
    const text = await readFile(join(stack.dir, 'receipts.txt'), 'utf8').catch(() => '');
    return text.includes('Delivery charge') ? text : undefined;
  }, 'the receipt printed with the delivery line');
  assert.ok(printed);

  await eventually(async () => (received.length > 0 ? true : undefined), 'the PMS to receive the charge');
  assert.deepEqual(
    received[0]!.items.map((i) => [i.sku, i.name, i.amountMinor, i.taxMinor]),
    [
      ['BEER', 'Draft Beer', 1800, quote.body.lines[0]!.taxMinor],
      ['DELIVERY', 'Delivery charge', 500, 25],
    ],
    'the PMS gets the delivery charge as its own item',
  );
});

test('delivery on an outlet without a delivery charge is refused naming the field', async (t) => {
  const stack = await startTestStack(t);
  const res = await api(stack.edge.httpUrl, '/api/checks/quote', {
    items: [{ sku: 'BEER', quantity: 1 }],
    delivery: true,
  });
  assert.deepEqual([res.status, res.body.code, res.body.field], [400, 'VALIDATION_FAILED', 'delivery']);
  const outlet = await api<OutletView>(stack.edge.httpUrl, '/api/outlet');
  assert.equal(outlet.body.delivery, null);
  assert.deepEqual(outlet.body.receiptOptions, []);
});

test('self-service receipt choice: printed copy, QR of a keyed receipt link, e-mail request queued and shown on the charge', async (t) => {
  const stack = await startTestStack(t, {
    outlet: {
      receiptOptions: ['print', 'qr', 'email'],
      emailRelay: { host: 'smtp.example.test', port: 25, from: 'receipts@example.test' },
      publicUrl: 'http://guest-wifi.example.test:8080',
    },
  });
  const edge = stack.edge.httpUrl;
  const outlet = await api<OutletView>(edge, '/api/outlet');
  assert.deepEqual(outlet.body.receiptOptions, ['print', 'qr', 'email']);

  const verificationId = await lookUp(stack, undefined, { uid: '04A1B2C3' });
  const charge = await api<ChargeView>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
  });
  assert.equal(charge.status, 201, JSON.stringify(charge.body));
  const id = charge.body.id;

  // Another client on the network cannot fetch the QR (its link carries the receipt's key).
  assert.equal((await fetch(`${edge}/api/charges/${id}/receipt-qr.svg`)).status, 401);
  const qr = await fetch(`${edge}/api/charges/${id}/receipt-qr.svg`, {
    headers: { 'x-kiosk-screen': (await screenToken(edge)) ?? '' },
  });
  assert.equal(qr.status, 200);
  assert.match(qr.headers.get('content-type') ?? '', /image\/svg\+xml/);
  assert.match(await qr.text(), /^<svg[^>]*viewBox/);
  const link = qr.headers.get('x-receipt-url') ?? '';
  assert.match(
    link,
    new RegExp(`^http://guest-wifi\\.example\\.test:8080/receipts/${id}/[A-Za-z0-9_-]{24}$`),
  );
  const receipt = await fetch(`${edge}${new URL(link).pathname}`);
  assert.equal(receipt.status, 200);
  assert.match(await receipt.text(), /<svg/);
  const forged = await fetch(`${edge}/receipts/${id}/AAAAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(forged.status, 404, 'a wrong key opens nothing');

  const bad = await api(edge, `/api/charges/${id}/receipt-email`, { address: 'not-an-address' });
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'address']);
  assert.equal((await api<ChargeView>(edge, `/api/charges/${id}`)).body.receiptEmail, null, 'nothing stored');

  const asked = await api<ChargeView>(edge, `/api/charges/${id}/receipt-email`, {
    address: 'guest@example.com',
  });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.deepEqual(
    [asked.body.receiptEmail?.address, asked.body.receiptEmail?.status],
    ['guest@example.com', 'queued'],
  );
  const again = await api<ChargeView>(edge, `/api/charges/${id}/receipt-email`, {
    address: 'guest@example.com',
  });
  assert.equal(again.status, 200, 'the same request again changes nothing');
  const other = await api(edge, `/api/charges/${id}/receipt-email`, { address: 'someone@example.com' });
  assert.deepEqual([other.status, other.body.code], [409, 'INVALID_STATE']);
  const read = await api<ChargeView>(edge, `/api/charges/${id}`);
  assert.equal(read.body.receiptEmail?.address, 'guest@example.com');

  const copy = await api(edge, `/api/charges/${id}/print`, {});
  assert.deepEqual([copy.status, copy.body.printed], [200, true]);
  const receipts = await eventually(async () => {
    const text = await readFile(join(stack.dir, 'receipts.txt'), 'utf8').catch(() => '');
    return text.split(/^=+$/m).length >= 3 ? text : undefined;
  }, 'the automatic receipt and the copy');
  assert.equal(receipts.match(/CHARGED TO ROOM 412/g)?.length, 2);
});

test('e-mail is not offered, nor accepted, without an SMTP relay configured', async (t) => {
  const stack = await startTestStack(t, { outlet: { receiptOptions: ['qr', 'email'] } });
  const edge = stack.edge.httpUrl;
  const outlet = await api<OutletView>(edge, '/api/outlet');
  assert.deepEqual(outlet.body.receiptOptions, ['qr']);
  const verificationId = await lookUp(stack, undefined, { uid: '04A1B2C3' });
  const charge = await api<ChargeView>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
  });
  const res = await api(edge, `/api/charges/${charge.body.id}/receipt-email`, {
    address: 'guest@example.com',
  });
  assert.deepEqual([res.status, res.body.code], [404, 'NOT_FOUND']);
});
