// Figure: a charge at the outlet until the outlet sees it posted: `POST /api/checks` → MQTT →
// central stores it → built-in folio → status back over MQTT → the edge's event stream says
// "posted". One charge at a time (a till's pace), p50/p99. Baseline: the `POST /api/checks` alone
// (the part before the kiosk shows "charged"), measured in the same charges. Central and the edge
// run as production runs them, each in its own process (the compiled bundles with their systemd
// units' flags, bench/service-process.ts); this process is the kiosk: its HTTP client and its
// event stream.
//   npm run build:services && npx tsx bench/tap-to-posted.bench.ts [--full]
import { randomUUID } from 'node:crypto';
import type { ChargeView } from '@roompost/sync';
import { api, screenToken } from '../tests/support/stack.js';
import { cleanups, demoVerifications, fmt, ms, percentile, profileWindow, report, size } from './lib.js';
import { cpuMarks, requireBuild, startRoad } from './service-process.js';

const N = size(100, 500);
const scope = cleanups();
try {
  requireBuild();
  const { central, edge, edgeUrl } = await startRoad(scope, 'tap');
  // The edge's event stream, as the kiosk watches it.
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  const abort = new AbortController();
  scope.t.after(() => abort.abort());
  const screen = await screenToken(edgeUrl);
  const res = await fetch(`${edgeUrl}/api/events`, {
    signal: abort.signal,
    headers: screen ? { 'x-kiosk-screen': screen } : {},
  });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: charge\ndata: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const view = JSON.parse(data) as ChargeView;
        if (view.status !== 'posted') continue;
        const done = waiting.get(view.id);
        if (done) done();
        else early.add(view.id);
      }
    }
  })().catch(() => {});

  const guests = await demoVerifications(edgeUrl);
  let turn = 0;
  const endToEnd: number[] = [];
  const post: number[] = [];
  let stopProfile = async () => {};
  let cpu: Awaited<ReturnType<typeof cpuMarks>> | undefined;
  for (let i = 0; i < N + 10; i++) {
    if (i === 10) {
      stopProfile = await profileWindow();
      cpu = await cpuMarks([central, edge]);
    }
    const t0 = process.hrtime.bigint();
    const created = await api<ChargeView>(edgeUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: guests[turn++ % guests.length],
      items: [{ sku: 'WATER', quantity: 1 }],
      tipMinor: 0,
    });
    const t1 = process.hrtime.bigint();
    if (created.status !== 201) throw new Error(`POST /api/checks answered ${created.status}`);
    if (!early.has(created.body.id)) {
      await new Promise<void>((resolve, reject) => {
        const slow = setTimeout(
          () => reject(new Error(`charge ${created.body.id} not posted in 10 s`)),
          10_000,
        );
        waiting.set(created.body.id, () => {
          clearTimeout(slow);
          resolve();
        });
      });
    }
    if (i < 10) continue; // warm-up
    endToEnd.push(ms(process.hrtime.bigint() - t0));
    post.push(ms(t1 - t0));
  }
  const used = await cpu?.since();
  await stopProfile();
  const p99 = percentile(endToEnd, 99);
  const b99 = percentile(post, 99);
  report({
    figure: `tap to "posted" at the edge p99 (n=${N}, central and the edge in their own processes)`,
    measured: `${fmt(p99, ' ms')} (p50 ${fmt(percentile(endToEnd, 50), ' ms')})`,
    baseline: `POST /api/checks alone p99 ${fmt(b99, ' ms')} (p50 ${fmt(percentile(post, 50), ' ms')})`,
    ratio: p99 / b99,
    goal: '≤ 25 ms',
    met: p99 <= 25,
    detail: [`${used?.line} (bench = the kiosk's HTTP client and event stream)`],
  });
} finally {
  await scope.run();
}
