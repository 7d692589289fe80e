// The fuzz suite: fast-check generated input at every boundary of a real stack (central with the
// folio engine and its embedded broker, a self-service edge, real HTTP and MQTT on loopback):
//   - every central HTTP route (as the admin) and the edge's kiosk routes: no 5xx, every refusal a
//     contract error code, VALIDATION_FAILED naming the field, and no half-written charge (checks,
//     charges and outbox rows move together, and only with a 201);
//   - every MQTT topic a device may publish on: central keeps running and stores nothing invalid;
//   - the config loaders (edge.json, central.json), card data and PMS answers (REST answers, FIAS
//     records): a value or our own coded error, never a crash.
// Seeded, so a failure can be replayed: `npm run fuzz -- --seed 42`; `--long` runs ≥ 10,000 cases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import mqtt from 'mqtt';
import { parseCentralConfig } from '../../central/src/config/central-config.js';
import { PmsError } from '../../central/src/pms/adapter.js';
import { parseRecord } from '../../central/src/pms/fias/fias-codec.js';
import { readAnswer } from '../../central/src/pms/rest/rest-answer.js';
import { restPmsConfig } from '../../central/src/pms/rest/rest-config.js';
import { STAYNTOUCH_STYLE_EXAMPLE } from '../../central/src/pms/rest/rest-example.js';
import { parseEdgeConfig } from '../../edge/src/config/edge-config.js';
import {
  CodedError,
  ConfigError,
  deviceClientId,
  ERROR_CODES,
  lookupRequest,
  parseRequest,
  topicFor,
} from '../../sync/src/index.js';
import { signIn, TEST_ADMIN } from '../support/central-api.js';
import {
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  edgeConfig,
  PROPERTY,
  startTestStack,
} from '../support/stack.js';

const { values: args } = parseArgs({
  options: { long: { type: 'boolean', default: false }, seed: { type: 'string', default: '20261206' } },
});
const SEED = Number(args.seed);
/** Cases per target: CI's seeded few thousand in all; the long run ≥ 10,000. */
const RUNS = args.long
  ? { edgeHttp: 3000, centralHttp: 3000, mqtt: 1500, config: 2000, card: 1000, pms: 2000 }
  : { edgeHttp: 600, centralHttp: 600, mqtt: 300, config: 400, card: 200, pms: 400 };

const figures = { cases: 0, fiveXx: 0, crashes: 0, halfWritten: 0, uncoded: 0, unnamedField: 0 };
const problems: string[] = [];
const CODES = new Set<string>(ERROR_CODES);
function note(kind: keyof typeof figures, what: string): void {
  figures[kind]++;
  if (problems.length < 40) problems.push(`${kind}: ${what}`);
}

/** JSON-ish values with the shapes that break parsers: deep nesting, huge numbers, odd strings. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    0.1,
    1e308,
    '',
    '\u0000',
    '\u202e',
    '<script>',
    'a'.repeat(5000),
    [],
    {},
    null,
    true,
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
/** An object whose keys are the fields a route reads, with nasty values, so validation goes deep. */
const KNOWN_KEYS = [
  'requestId',
  'verificationId',
  'items',
  'sku',
  'quantity',
  'custom',
  'name',
  'unitPriceMinor',
  'tipMinor',
  'roomNumber',
  'lastName',
  'uid',
  'pin',
  'address',
  'reason',
  'delivery',
  'signaturePng',
  'override',
  'username',
  'password',
  'amountMinor',
  'currency',
  'chargeId',
  'outletCode',
  'totalMinor',
  'stayRef',
  'arrival',
  'departure',
  'guest',
  'roomTypeCode',
  'ratePlanCode',
  'limit',
  'status',
  'code',
  'version',
];
const shaped = fc.dictionary(fc.constantFrom(...KNOWN_KEYS), nasty, { maxKeys: 8 });
const body = fc.oneof(
  shaped,
  nasty,
  fc.record({ items: fc.array(shaped, { maxLength: 3 }), tipMinor: nasty }),
);

async function main(): Promise<number> {
  const cleanups: Array<() => Promise<void>> = [];
  const t = { after: (fn: () => Promise<void>) => void cleanups.push(fn) } as never;
  const started = Date.now();
  try {
    const stack = await startTestStack(t);
    const edge = stack.edge.httpUrl;
    const central = stack.central.httpUrl;
    const token = await signIn(central, TEST_ADMIN.username, TEST_ADMIN.password);
    const edgeDb = new Database(join(stack.dir, 'edge.sqlite'), { readonly: true });
    cleanups.push(async () => void edgeDb.close());
    const rows = () =>
      ['checks', 'charges', 'outbox'].map(
        (table) => (edgeDb.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      );

    // A real guest to charge, so /api/checks gets past the verification with generated items.
    const guest = (await (
      await fetch(`${edge}/api/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uid: '04A1B2C3' }),
      })
    ).json()) as { verificationId: string };

    const send = async (base: string, method: string, path: string, payload: unknown, bearer?: string) => {
      const raw = typeof payload === 'string' && payload.startsWith('RAW:');
      const res = await fetch(base + path, {
        method,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': raw ? 'text/plain' : 'application/json' }),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: payload === undefined || method === 'GET' ? undefined : raw ? payload : JSON.stringify(payload),
      });
      const text = await res.text();
      let json: { code?: string; field?: string } | null = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: res.status, json, type: res.headers.get('content-type') ?? '' };
    };
    const judge = (what: string, r: Awaited<ReturnType<typeof send>>, sent: unknown) => {
      figures.cases++;
      if (r.status >= 500) note('fiveXx', `${what} → ${r.status} for ${JSON.stringify(sent)?.slice(0, 200)}`);
      if (r.status >= 400 && r.type.includes('json') && (!r.json?.code || !CODES.has(r.json.code))) {
        note('uncoded', `${what} → ${r.status} without a contract code`);
      }
      if (
        r.json?.code === 'VALIDATION_FAILED' &&
        typeof sent === 'object' &&
        sent !== null &&
        !r.json.field
      ) {
        note(
          'unnamedField',
          `${what}: VALIDATION_FAILED without a field for ${JSON.stringify(sent).slice(0, 120)}`,
        );
      }
    };

    // 1. The edge's kiosk routes.
    const edgeRoutes: Array<[string, (id: string) => string]> = [
      ['POST', () => '/api/lookup'],
      ['POST', () => '/api/checks/quote'],
      ['POST', () => '/api/checks'],
      ['POST', () => '/api/checks/number'],
      ['POST', (id) => `/api/charges/${id}/receipt-email`],
      ['POST', (id) => `/api/charges/${id}/print`],
      ['POST', () => '/api/dev/tap'],
      ['POST', () => '/api/staff/session'],
      ['GET', (id) => `/api/charges/${id}`],
      ['GET', (id) => `/api/charges?date=${id}`],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...edgeRoutes),
        fc.oneof(fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.uuid()),
        fc.oneof(
          body,
          fc.string({ maxLength: 300 }).map((s) => `RAW:${s}`),
        ),
        fc.boolean(),
        async ([method, path], id, payload, withGuest) => {
          const before = rows();
          const sent =
            withGuest && typeof payload === 'object' && payload !== null && !Array.isArray(payload)
              ? { requestId: randomUUID(), verificationId: guest.verificationId, ...payload }
              : payload;
          const r = await send(edge, method, path(id), sent);
          judge(`edge ${method} ${path(':id')}`, r, sent);
          const after = rows();
          const grew = after.map((n, i) => n - (before[i] as number));
          const wrote = grew.some((g) => g !== 0);
          if (wrote && (r.status !== 201 || grew.some((g) => g !== 1))) {
            note('halfWritten', `edge ${path(':id')} → ${r.status} changed rows by ${grew.join('/')}`);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.edgeHttp, endOnFailure: true },
    );

    // 2. Every central route, as the admin (the strongest role reaches the deepest code).
    const routes = stack.central.routes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.includes('/auth/sign-out'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.constantFrom('412', 'POOL', 'x', '0', '-1'),
          fc.string({ maxLength: 30 }).map(encodeURIComponent),
        ),
        body,
        async (route, param, payload) => {
          const path = route.url.replace(/:[A-Za-z]+/g, param || 'x').replace(/\*$/, '');
          const r = await send(
            central,
            route.method,
            path,
            route.method === 'GET' ? undefined : payload,
            token,
          );
          judge(`central ${route.method} ${route.url}`, r, payload);
        },
      ),
      { seed: SEED, numRuns: RUNS.centralHttp, endOnFailure: true },
    );

    // 3. MQTT: whatever a device publishes on its own topics, central keeps running and stores nothing.
    const storedBefore = await stack.central.db
      .selectFrom('room_charges')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${stack.mqttPort}`, {
      // A second session of the device's own (the broker binds each account to its client id).
      clientId: `${deviceClientId(PROPERTY, DEVICE)}:fuzz-${randomUUID()}`,
      username: DEVICE,
      password: DEVICE_SECRET,
      reconnectPeriod: 0,
    });
    cleanups.push(async () => void (await device.endAsync(true)));
    const kinds = ['charge', 'rpcRequest', 'presence', 'status', 'chargeStatusAck'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        fc.oneof(
          body.map((b) => JSON.stringify(b) ?? 'null'),
          fc.string(),
        ),
        async (kind, payload) => {
          figures.cases++;
          await device.publishAsync(topicFor(kind, PROPERTY, DEVICE), payload, { qos: 1 });
        },
      ),
      { seed: SEED, numRuns: RUNS.mqtt, endOnFailure: true },
    );
    const health = await send(central, 'GET', '/api/health', undefined);
    if (health.status !== 200) note('crashes', `central answered ${health.status} after the MQTT fuzz`);
    const storedAfter = await stack.central.db
      .selectFrom('room_charges')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(storedAfter.n) !== Number(storedBefore.n))
      note('halfWritten', 'central stored a fuzzed MQTT charge');

    // 4. Config loaders: generated and mutated configs give a value or a ConfigError naming paths.
    const validEdge = edgeConfig(1883);
    const validCentral = centralConfig(1883);
    const mutate = (base: object) =>
      fc
        .tuple(fc.constantFrom(...paths(base)), nasty)
        .map(([path, value]) => setPath(structuredClone(base) as Record<string, unknown>, path, value));
    await fc.assert(
      fc.property(fc.oneof(nasty, mutate(validEdge), mutate(validCentral)), fc.boolean(), (json, asEdge) => {
        figures.cases++;
        try {
          if (asEdge) parseEdgeConfig(json);
          else parseCentralConfig(json);
        } catch (err) {
          if (!(err instanceof ConfigError))
            note('crashes', `config loader threw ${(err as Error).name}: ${(err as Error).message}`);
          else if (err.problems.some((p) => !p.includes(':')))
            note('unnamedField', `config problem without a path: ${err.problems[0]}`);
        }
      }),
      { seed: SEED, numRuns: RUNS.config },
    );

    // 5. Card data: a UID as the reader or the kiosk hands it over.
    await fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[0-9A-Fa-f]{0,24}$/), nasty),
        (uid) => {
          figures.cases++;
          try {
            parseRequest(lookupRequest, { uid });
          } catch (err) {
            if (!(err instanceof CodedError) || err.code !== 'VALIDATION_FAILED')
              note('crashes', `card uid: ${String(err)}`);
            else if (!err.field) note('unnamedField', 'card uid refused without a field');
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.card },
    );

    // 6. PMS answers: REST answers of any status and body; FIAS records of any text.
    const rest = restPmsConfig.parse({
      ...STAYNTOUCH_STYLE_EXAMPLE,
      auth: { type: 'header', name: 'X', value: 'y' },
      currency: 'USD',
      baseUrl: 'http://pms.invalid',
    });
    await fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(
          body.map((b) => JSON.stringify(b) ?? ''),
          fc.string({ maxLength: 200 }),
        ),
        fc.string({ unit: 'binary', maxLength: 120 }),
        (status, text, fias) => {
          figures.cases += 2;
          try {
            readAnswer({ status, text, headers: new Headers(), kind: 'read' }, rest, 'ROOM_NOT_FOUND');
          } catch (err) {
            if (!(err instanceof PmsError))
              note('crashes', `REST answer ${status}: ${(err as Error).name} ${(err as Error).message}`);
          }
          try {
            parseRecord(fias);
          } catch (err) {
            note('crashes', `FIAS record: ${(err as Error).name} ${(err as Error).message}`);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.pms },
    );
  } catch (err) {
    note('crashes', `the run itself failed: ${err instanceof Error ? err.stack : String(err)}`);
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  }
  console.log(
    JSON.stringify(
      { seed: SEED, long: args.long, ...figures, seconds: Math.round((Date.now() - started) / 1000) },
      null,
      2,
    ),
  );
  for (const p of problems) console.log(`  ${p}`);
  const ok = Object.entries(figures).every(([k, n]) => k === 'cases' || n === 0);
  console.log(
    ok ? 'fuzz: no 5xx, no crash, nothing half-written, every refusal coded with its field' : 'fuzz: FAILED',
  );
  return ok ? 0 : 1;
}

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const here = prefix.length ? [prefix] : [];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setPath(base: Record<string, unknown>, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node: Record<string, unknown> = base;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
  return base;
}

assert.ok(Number.isInteger(SEED), '--seed must be an integer');
process.exitCode = await main();
