// An Indian outlet's bill (CGST Rule 46): the property's GSTIN on the receipt, GST shown as CGST and
// SGST per rate and beer as VAT, on the kiosk's quote and on paper; and Reprint after the edge
// restarted rebuilds the same receipt from the stored charge, marked COPY. Real central and edge,
// real SQLite files, the simulated printer writing its receipts to a file.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoCatalogs, seedIndianDemoHotel, startCentral } from '@roompost/central';
import { type Edge, type EdgeConfig, startEdge } from '@roompost/edge';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import { api, centralConfig, edgeConfig, eventually, freePort, TODAY } from '../../support/stack.js';

const GSTIN = '08AAKCA4521M1ZH';

test('an Indian outlet shows CGST/SGST per rate and its GSTIN; Reprint after a restart prints the same receipt as a COPY', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-in-receipt-'));
  const mqttPort = await freePort();
  const central = await startCentral(centralConfig(mqttPort), { dataDir: dir, logger: recordingLogger() });
  await seedIndianDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog, 'in');
  const base = edgeConfig(mqttPort);
  const config: EdgeConfig = {
    ...base,
    outlet: {
      ...base.outlet,
      propertyName: 'Amber Haveli Jaipur',
      gstin: GSTIN,
      currency: 'INR',
      locale: 'en-IN',
      timeZone: 'Asia/Kolkata',
    },
    offline: { floorLimits: { INR: 500_000 }, maxRosterAgeMinutes: 720 },
  };
  const boot = async () => {
    const edge = await startEdge(config, {
      dataDir: dir,
      logger: recordingLogger(),
      kioskDir: join(dir, 'none'),
    });
    await eventually(
      async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
      'the edge to reach central',
    );
    await eventually(
      async () =>
        (await api<{ items: unknown[] }>(edge.httpUrl, '/api/catalog')).body.items.length > 0
          ? true
          : undefined,
      'the Indian menu at the edge',
    );
    return edge;
  };
  let edge: Edge | null = await boot();
  t.after(async () => {
    await edge?.stop();
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });

  // Two chai and a naan at 18 % GST (CGST 9 % + SGST 9 %), one beer under 20 % state VAT.
  const items = [
    { sku: 'CHAI', quantity: 2 },
    { sku: 'BUTTER-NAAN', quantity: 1 },
    { sku: 'KINGFISHER', quantity: 1 },
  ];
  const quote = await api<Record<string, unknown>>(edge.httpUrl, '/api/checks/quote', { items, tipMinor: 0 });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  // 36,000 + 9,000 at 18 % = 8,100 → 4,050 + 4,050; 45,000 at 20 % = 9,000.
  assert.deepEqual(quote.body.taxLines, [
    { code: 'CGST', ratePercent: '9', amountMinor: 4_050 },
    { code: 'SGST', ratePercent: '9', amountMinor: 4_050 },
    { code: 'VAT', ratePercent: '20', amountMinor: 9_000 },
  ]);
  assert.equal(quote.body.taxMinor, 17_100);
  assert.equal('taxGroups' in quote.body, false, 'the kiosk gets the lines, not the tax classes');

  const found = await api<KioskLookup>(edge.httpUrl, '/api/lookup', { roomNumber: '204', lastName: 'Mehta' });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const created = await api<ChargeView>(edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: found.body.verificationId,
    items,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const receipt = created.body.receiptText;
  assert.match(receipt, new RegExp(`GSTIN ${GSTIN}`));
  assert.match(receipt, /CGST 9%\s+₹40\.50\n/);
  assert.match(receipt, /SGST 9%\s+₹40\.50\n/);
  assert.match(receipt, /VAT 20%\s+₹90\.00\n/);
  assert.doesNotMatch(receipt, /^Tax /m, 'no single Tax line on an Indian bill');

  const printedFile = join(dir, 'receipts.txt');
  const jobs = async () =>
    (await readFile(printedFile, 'utf8').catch(() => '')).split(/^=+\n/m).filter(Boolean);
  const original = await eventually(async () => (await jobs())[0], 'the receipt to print');
  assert.match(original, /^room-charge \d{4}-/);
  assert.match(original, new RegExp(`GSTIN ${GSTIN}`));

  // The edge restarts: the printer has forgotten its last job, the edge has not.
  await edge.stop();
  edge = null;
  edge = await boot();
  const reprinted = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.equal(reprinted.status, 200, JSON.stringify(reprinted.body));
  const copy = await eventually(async () => (await jobs())[1], 'the reprint');
  assert.match(copy, /^room-charge \(reprint\) /);
  const body = (job: string) => job.slice(job.indexOf('\n') + 1);
  const copyLines = body(copy).trimEnd().split('\n');
  assert.equal(copyLines[0]?.trim(), '*** COPY ***');
  assert.equal(copyLines.at(-1)?.trim(), '*** COPY ***');
  assert.equal(
    copyLines.slice(1, -1).join('\n'),
    body(original).trimEnd(),
    'the copy is the original receipt, rebuilt from the stored charge',
  );

  // Printed as a copy, so a second Reprint is a copy of the original, not a copy of a copy.
  assert.equal((await api(edge.httpUrl, '/api/devices/printer/reprint', {})).status, 200);
  const again = await eventually(async () => (await jobs())[2], 'the second reprint');
  assert.equal(body(again), body(copy));
});
