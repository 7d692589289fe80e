// India: an outlet's receipts print the property's GSTIN and show the tax as CGST + SGST per rate
// (CGST Rule 46). The device learns the GSTIN when it enrolls, from central's property, with no hand
// edit of edge.json: the Indian demo's central, the real enrollment over HTTP, the enrolled edge.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEdge } from '@roompost/edge';
import { enroll } from '../../../edge/src/enroll/enroll.js';
import { startTestDemo } from '../../support/demo.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { api, eventually } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

async function call(base: string, path: string, body: unknown, token?: string): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  assert.ok(res.ok, `${path}: ${JSON.stringify(json)}`);
  return json;
}

test("an outlet enrolled at an Indian property gets the property's GSTIN and its receipts use it", async (t) => {
  const stack = await startTestDemo(t, { demo: 'in' });
  const central = stack.centralUrl;
  const { gstin } = await stack.central.folio.getPropertyProfile();
  assert.equal(gstin, '08AAKCA4521M1ZH');
  const { token: session } = await call(central, '/api/auth/sign-in', {
    username: 'it',
    password: 'it-demo-pass',
  });
  const { token } = await call(
    central,
    '/api/devices',
    { outlet: 'POOL', name: 'pool-kiosk-gst', ttlMinutes: 10 },
    session,
  );

  const dir = await mkdtemp(join(tmpdir(), 'roompost-enroll-gst-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = await enroll({
    central,
    token,
    configFile: join(dir, 'edge.json'),
    locale: 'en-IN',
    httpPort: 0,
  });
  assert.equal(config.outlet.gstin, gstin, 'the joined config carries the GSTIN');
  const written = JSON.parse(readFileSync(join(dir, 'enrollment.json'), 'utf8')) as Json;
  assert.equal(written.outlet.gstin, gstin, 'enrollment.json keeps it');
  assert.equal(
    (JSON.parse(readFileSync(join(dir, 'edge.json'), 'utf8')) as Json).outlet?.gstin,
    undefined,
    "IT's settings file is not where it lives",
  );

  // The enrolled edge shows the check's tax the Indian way: CGST + SGST per rate, VAT on the beer.
  const edge = await startEdge(config, {
    dataDir: dir,
    logger: recordingLogger(),
    kioskDir: join(dir, 'no-kiosk-build'),
  });
  t.after(() => edge.stop());
  const quote = await eventually(async () => {
    const res = await api<Json>(edge.httpUrl, '/api/checks/quote', {
      items: [
        { sku: 'CHAI', quantity: 1 },
        { sku: 'KINGFISHER', quantity: 1 },
      ],
      tipMinor: 0,
    });
    return res.status === 200 ? res.body : undefined;
  }, 'the enrolled edge to price from its catalog');
  assert.deepEqual(
    quote.taxLines.map((l: Json) => [l.code, l.ratePercent, l.amountMinor]),
    [
      ['CGST', '9', 1_620],
      ['SGST', '9', 1_620],
      ['VAT', '20', 9_000],
    ],
  );
});
