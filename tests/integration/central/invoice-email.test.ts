// E-mail of a finalized invoice as its PDF (POST /api/folio/invoices/{number}/email) over central's real
// HTTP routes, through a real SMTP relay on loopback (`smtp-server`, bound to port 0): the PDF arrives and
// reads back with the invoice's number and total; a retried request is not sent twice; a relay refusal is
// EMAIL_NOT_SENT and a retry of it is sent with the same Message-ID; no relay configured is EMAIL_NOT_CONFIGURED.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { EmailRelayConfig } from '@roompost/sync';
import Fastify from 'fastify';
import { SMTPServer } from 'smtp-server';
import { installAuthHook } from '../../../central/src/auth/auth-hook.js';
import { registerAuthRoutes } from '../../../central/src/auth/auth-routes.js';
import { UserService } from '../../../central/src/auth/user-service.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { installErrorHandler } from '../../../central/src/http/error-handler.js';
import { registerInvoiceEmailRoutes } from '../../../central/src/http/invoice-email-routes.js';
import { registerOpenApi } from '../../../central/src/http/openapi.js';
import { createInvoiceMailer } from '../../../central/src/invoice-mail/invoice-mailer.js';
import { centralAs, TEST_ADMIN } from '../../support/central-api.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { openIndianHotel, postSeedStay, stayWithFolio } from '../folio/invoice-fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

/** A loopback SMTP relay recording what it accepts; while `refusing`, it answers 550 to RCPT TO. */
async function startRelay(t: TestContext) {
  const state = { refusing: false, received: [] as Array<{ to: string[]; raw: string }> };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refusing) return callback();
      callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { state, port: (server.server.address() as AddressInfo).port };
}

async function startApi(t: TestContext, relay: EmailRelayConfig | undefined) {
  const hotel = await openIndianHotel(t);
  const app = Fastify({ logger: false });
  installErrorHandler(app, recordingLogger());
  await migrateCentral(hotel.store.db);
  const users = new UserService({
    db: hotel.store.db as never,
    clock: hotel.clock,
    sessionHours: 12,
    lockout: { maxFailures: 5, lockMinutes: 5 },
  });
  await users.ensure(TEST_ADMIN.username, 'admin', TEST_ADMIN.passwordHash, 'test');
  installAuthHook(app, users);
  await registerOpenApi(app);
  registerAuthRoutes(app, users);
  let ids = 0;
  const mailer = createInvoiceMailer({
    db: hotel.store.db as never,
    invoices: hotel.invoices,
    relay,
    now: () => hotel.clock.now(),
    newId: () => `minted-${++ids}`,
  });
  registerInvoiceEmailRoutes(app, { mailer });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    mailer.close();
    await app.close();
  });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);
  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'fd-asha' });
  const email = async (
    body: unknown,
    number = invoice.number,
    role: 'front_desk' | 'office' = 'front_desk',
  ) => {
    const res = await centralAs(base, `user-${role}`, role).post<Json>(
      `/api/folio/invoices/${encodeURIComponent(number)}/email`,
      body,
    );
    return { status: res.status, body: res.body };
  };
  return { email, invoice };
}

/** The base64 body of the message's application/pdf part, decoded. */
function pdfAttachment(raw: string): Buffer {
  const part =
    /Content-Type: application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(raw);
  assert.ok(part?.[1], 'an application/pdf part');
  return Buffer.from(part[1].replace(/\s+/g, ''), 'base64');
}

const relayOn = (port: number): EmailRelayConfig => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  from: 'billing@sagar.example',
});

test('an invoice is e-mailed as its PDF, and a retry of the same request sends nothing more', async (t) => {
  const relay = await startRelay(t);
  const { email, invoice } = await startApi(t, relayOn(relay.port));

  const sent = await email({ to: 'rajesh@example.com', requestId: 'mail-0001-abcd' });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.deepEqual(
    [sent.body.number, sent.body.to, sent.body.duplicate, sent.body.messageId],
    [invoice.number, 'rajesh@example.com', false, '<invoice.mail-0001-abcd@sagar.example>'],
  );
  assert.equal(relay.state.received.length, 1);
  const message = relay.state.received[0]!;
  assert.deepEqual(message.to, ['rajesh@example.com']);
  assert.match(message.raw, /^Message-ID: <invoice\.mail-0001-abcd@sagar\.example>/im);
  const pdf = pdfAttachment(message.raw);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'roompost-invoice-mail-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'invoice.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(text.includes(invoice.number), 'the PDF names the invoice number');
  // Seed 004 §8's stay: grand total ₹17,691.00 (the figure the invoice API test computes by hand).
  assert.ok(text.includes('17,691.00'), 'the PDF carries the grand total');

  const again = await email({ to: 'rajesh@example.com', requestId: 'mail-0001-abcd' });
  assert.deepEqual([again.status, again.body.duplicate, again.body.sentAt], [200, true, sent.body.sentAt]);
  assert.equal(relay.state.received.length, 1, 'the retry sent nothing');
  const reused = await email({ to: 'someone-else@example.com', requestId: 'mail-0001-abcd' });
  assert.deepEqual(
    [reused.status, reused.body.code, reused.body.field],
    [400, 'VALIDATION_FAILED', 'requestId'],
  );
});

test('a relay refusal is EMAIL_NOT_SENT; the retry is sent with the same Message-ID', async (t) => {
  const relay = await startRelay(t);
  const { email } = await startApi(t, relayOn(relay.port));
  relay.state.refusing = true;
  const refused = await email({ to: 'nobody@example.com', requestId: 'mail-0002-abcd' });
  assert.deepEqual([refused.status, refused.body.code], [502, 'EMAIL_NOT_SENT']);
  assert.match(refused.body.context.relayError, /550/);
  relay.state.refusing = false;
  const retried = await email({ to: 'nobody@example.com', requestId: 'mail-0002-abcd' });
  assert.deepEqual([retried.status, retried.body.messageId], [200, '<invoice.mail-0002-abcd@sagar.example>']);
  assert.equal(relay.state.received.length, 1);
});

test('bad requests are refused with a code naming the field; nothing is sent', async (t) => {
  const relay = await startRelay(t);
  const { email } = await startApi(t, relayOn(relay.port));
  const bad = await email({ to: 'not-an-address' });
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'to']);
  const unknown = await email({ to: 'a@example.com' }, 'INV/25-26/09999');
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);
  const office = await email({ to: 'a@example.com' }, undefined, 'office');
  assert.deepEqual([office.status, office.body.code], [403, 'FORBIDDEN']);
  assert.equal(relay.state.received.length, 0);
});

test('without emailRelay in central.json, e-mail answers EMAIL_NOT_CONFIGURED', async (t) => {
  const { email } = await startApi(t, undefined);
  const res = await email({ to: 'rajesh@example.com' });
  assert.deepEqual([res.status, res.body.code], [409, 'EMAIL_NOT_CONFIGURED']);
  assert.equal(typeof res.body.action, 'string');
});
