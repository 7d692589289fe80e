// Issue #5: the guest's e-mail receipt is actually sent by the edge through the property's SMTP relay
// (receipts/receipt-mailer.ts): a real SMTP server (`smtp-server`) on loopback, real edge and central.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { type EdgeConfig, parseEdgeConfig, startEdge } from '@roompost/edge';
import type { ChargeView, KioskLookup, ReceiptEmailView } from '@roompost/sync';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import {
  api,
  edgeConfig,
  eventually,
  freePort,
  startTestStack,
  type TestStack,
} from '../../support/stack.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A loopback SMTP relay (no TLS, no login) recording what it accepts; `refuse` answers 550 to RCPT. */
async function startRelay(port: number, refuse = false) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function relayConfig(port: number, extra: Partial<NonNullable<EdgeConfig['outlet']['emailRelay']>> = {}) {
  return {
    host: '127.0.0.1',
    port,
    tls: 'none' as const,
    from: 'receipts@harbour.example',
    replyTo: 'frontdesk@harbour.example',
    retryDelayMs: 200,
    maxRetryDelayMs: 800,
    ...extra,
  };
}

/** A header, unfolded, with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(
    head.replace(/\r\n/g, '\n'),
  );
  if (!match?.[1]) return undefined;
  return match[1]
    .replace(/\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The decoded text/plain part (its body ends at the next MIME boundary). */
function plainText(raw: string): string {
  const boundaries = [...raw.matchAll(/boundary="?([^"\r\n;]+)"?/gi)].map((m) => m[1] as string);
  const end = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const part = new RegExp(
    `Content-Type: text/plain[\\s\\S]*?Content-Transfer-Encoding: ([\\w-]+)\\r?\\n\\r?\\n([\\s\\S]*?)\\r?\\n--(?:${end})`,
    'i',
  ).exec(raw);
  assert.ok(part, 'a text/plain part');
  const [, encoding, body] = part as unknown as [string, string, string];
  if (/base64/i.test(encoding)) return Buffer.from(body, 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return body;
}

async function chargeWithEmail(stack: TestStack, address = 'guest@example.com'): Promise<ChargeView> {
  const edge = stack.edge.httpUrl;
  const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
  const charge = await api<ChargeView>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 2 }],
  });
  assert.equal(charge.status, 201, JSON.stringify(charge.body));
  const asked = await api<ChargeView>(edge, `/api/charges/${charge.body.id}/receipt-email`, { address });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  return charge.body;
}

async function emailView(stack: TestStack, id: string): Promise<ReceiptEmailView> {
  const res = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`);
  assert.ok(res.body.receiptEmail, 'the charge has an e-mail request');
  return res.body.receiptEmail;
}

function waitForStatus(stack: TestStack, id: string, status: ReceiptEmailView['status']) {
  return eventually(async () => {
    const view = await emailView(stack, id);
    return view.status === status ? view : undefined;
  }, `the e-mail request to be ${status}`);
}

test('a charge’s e-mail receipt is delivered once, with To/From/Subject/Message-ID and the total', async (t) => {
  const port = await freePort();
  const relay = await startRelay(port);
  t.after(relay.close);
  const stack = await startTestStack(t, {
    outlet: { receiptOptions: ['email'], emailRelay: relayConfig(port) },
  });
  const charge = await chargeWithEmail(stack);
  const sent = await waitForStatus(stack, charge.id, 'sent');
  assert.equal(sent.attempts, 1);
  assert.equal(sent.lastError, null);
  assert.ok(sent.sentAt);

  await new Promise((r) => setTimeout(r, 500));
  assert.equal(relay.received.length, 1, 'delivered exactly once');
  const [mail] = relay.received as [Received];
  assert.equal(mail.from, 'receipts@harbour.example');
  assert.deepEqual(mail.to, ['guest@example.com']);
  assert.equal(header(mail.raw, 'To'), 'guest@example.com');
  assert.equal(header(mail.raw, 'From'), 'receipts@harbour.example');
  assert.equal(header(mail.raw, 'Reply-To'), 'frontdesk@harbour.example');
  assert.equal(header(mail.raw, 'Subject'), `Your receipt — Pool Bar check ${charge.checkNumber}`);
  assert.equal(header(mail.raw, 'Message-ID'), `<receipt.${charge.id}@harbour.example>`);
  const total = /TOTAL\s+(\S+)/.exec(charge.receiptText)?.[1];
  assert.ok(total, 'the charge receipt has a total');
  const text = plainText(mail.raw);
  assert.match(text, /TOTAL/);
  assert.ok(text.includes(total), `the mail's text has the total ${total}`);
  assert.match(mail.raw, /Content-Type: text\/html/i);
  assert.match(mail.raw, /Content-Type: image\/svg\+xml/i, 'the receipt image as an attachment');
});

test('a relay refusing the recipient (550): failed after the configured attempts, the error shown', async (t) => {
  const port = await freePort();
  const relay = await startRelay(port, true);
  t.after(relay.close);
  const stack = await startTestStack(t, {
    outlet: { receiptOptions: ['email'], emailRelay: relayConfig(port, { maxAttempts: 3 }) },
  });
  const charge = await chargeWithEmail(stack);
  const failed = await waitForStatus(stack, charge.id, 'failed');
  assert.equal(failed.attempts, 3);
  assert.match(failed.lastError ?? '', /550/);
  assert.equal(failed.nextAttemptAt, null);
  assert.equal(relay.received.length, 0);
});

test('the relay down: retried with back-off, sent once it comes up', async (t) => {
  const port = await freePort();
  const stack = await startTestStack(t, {
    outlet: { receiptOptions: ['email'], emailRelay: relayConfig(port, { maxAttempts: 20 }) },
  });
  const charge = await chargeWithEmail(stack);
  const waiting = await eventually(async () => {
    const view = await emailView(stack, charge.id);
    return view.status === 'queued' && (view.attempts ?? 0) >= 2 ? view : undefined;
  }, 'two failed attempts');
  assert.match(waiting.lastError ?? '', /ECONNREFUSED/);
  assert.ok(waiting.nextAttemptAt && waiting.nextAttemptAt > waiting.requestedAt, 'a retry time is shown');

  const relay = await startRelay(port);
  t.after(relay.close);
  const sent = await waitForStatus(stack, charge.id, 'sent');
  assert.ok((sent.attempts ?? 0) >= 3);
  assert.equal(sent.lastError, null);
  assert.equal(relay.received.length, 1);
});

test('an edge restarted with a request left in `sending` sends it once more with the same Message-ID', async (t) => {
  const port = await freePort();
  const relay = await startRelay(port);
  t.after(relay.close);
  const outlet = { receiptOptions: ['email' as const], emailRelay: relayConfig(port) };
  const stack = await startTestStack(t, { outlet });
  const charge = await chargeWithEmail(stack);
  await waitForStatus(stack, charge.id, 'sent');

  // The crash the Message-ID is for: the relay accepted the mail, the edge stopped before writing 'sent'.
  await stack.edge.stop();
  const sqlite = new Database(join(stack.dir, 'edge.sqlite'));
  sqlite
    .prepare("UPDATE receipt_requests SET status = 'sending', sent_at = NULL WHERE charge_id = ?")
    .run(charge.id);
  sqlite.close();

  const config = edgeConfig(stack.mqttPort);
  stack.edge = await startEdge(
    { ...config, outlet: { ...config.outlet, ...outlet } },
    { dataDir: stack.dir, logger: stack.edgeLog, kioskDir: join(stack.dir, 'no-kiosk-build') },
  );
  const again = await waitForStatus(stack, charge.id, 'sent');
  assert.equal(again.attempts, 2);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(relay.received.length, 2, 'sent once more, not more');
  const ids = relay.received.map((m) => header(m.raw, 'Message-ID'));
  assert.deepEqual(ids, [`<receipt.${charge.id}@harbour.example>`, `<receipt.${charge.id}@harbour.example>`]);
});

test('a bad relay config is refused at start, naming the field', async () => {
  const { edgeConfigSchema } = await import('@roompost/edge');
  const config = edgeConfig(1883);
  const bad = (emailRelay: unknown) =>
    edgeConfigSchema.safeParse({ ...config, outlet: { ...config.outlet, emailRelay } });
  const paths = (emailRelay: unknown) => {
    const result = bad(emailRelay);
    assert.equal(result.success, false);
    return result.error?.issues.map((i) => i.path.join('.'));
  };
  assert.deepEqual(paths({ host: 'smtp', from: 'not-an-address' }), ['outlet.emailRelay.from']);
  assert.deepEqual(paths({ host: 'smtp', from: 'a@b.example', user: 'u' }), ['outlet.emailRelay.password']);
  assert.deepEqual(paths({ host: 'smtp', from: 'a@b.example', tls: 'ssl' }), ['outlet.emailRelay.tls']);
  assert.deepEqual(paths({ host: 'smtp', from: 'a@b.example', user: 'u', password: 'p', tls: 'none' }), [
    'outlet.emailRelay.tls',
  ]);
  delete process.env.ROOMPOST_TEST_UNSET_SMTP_PASSWORD;
  assert.deepEqual(
    paths({
      host: 'smtp',
      from: 'a@b.example',
      user: 'u',
      password: { env: 'ROOMPOST_TEST_UNSET_SMTP_PASSWORD' },
    }),
    ['outlet.emailRelay.password'],
  );
  process.env.ROOMPOST_TEST_SMTP_PASSWORD = 's3cret';
  const ok = bad({
    host: 'smtp',
    from: 'a@b.example',
    user: 'u',
    password: { env: 'ROOMPOST_TEST_SMTP_PASSWORD' },
  });
  assert.equal(ok.success, true);
  assert.equal(ok.data?.outlet.emailRelay?.password, 's3cret');
  // What the edge's start says (parseEdgeConfig is what loadEdgeConfig uses).
  assert.throws(
    () =>
      parseEdgeConfig({ ...config, outlet: { ...config.outlet, emailRelay: { host: 'smtp', from: 'x' } } }),
    /outlet\.emailRelay\.from/,
  );
});
