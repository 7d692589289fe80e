// The example Grafana dashboard and Prometheus alert rules in monitoring/ ask only for metrics (and
// labels) that a real central and edge expose: scraped from a running stack, not from a list.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { SCRAPE_TOKEN_SHA256, scrape } from '../../support/scrape.js';
import { startTestStack } from '../../support/stack.js';

/** Metric name → label names seen, from a Prometheus text exposition. */
function exposed(text: string, into: Map<string, Set<string>>): void {
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const [, name, kind] = type as unknown as [string, string, string];
      const names = kind === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
      for (const n of names) if (!into.has(n)) into.set(n, new Set());
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? /.exec(line);
    if (!sample) continue;
    const labels = into.get(sample[1]!) ?? new Set<string>();
    for (const m of (sample[2] ?? '').matchAll(/(\w+)="/g)) labels.add(m[1]!);
    into.set(sample[1]!, labels);
  }
}

/** Every `roompost_…` metric an expression names, with the labels its selector matches on. */
function selectors(expr: string): Array<{ metric: string; labels: string[] }> {
  return [...expr.matchAll(/\b(roompost_[\w:]+)(?:\{([^}]*)\})?/g)].map((m) => ({
    metric: m[1]!,
    labels: [...(m[2] ?? '').matchAll(/(\w+)\s*(?:=~|!=|!~|=)/g)].map((l) => l[1]!),
  }));
}

interface Dashboard {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}
interface RuleFile {
  groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
}

test('every dashboard query and alert rule names metrics and labels central and the edge expose', async (t) => {
  const stack = await startTestStack(t, { central: { metrics: { tokenSha256: SCRAPE_TOKEN_SHA256 } } });
  const metrics = new Map<string, Set<string>>();
  for (const url of [stack.central.httpUrl, stack.edge.httpUrl]) exposed(await scrape(url), metrics);
  // The fleet series appear once central has heard the edge's first status.
  assert.ok(metrics.has('roompost_device_last_sync_timestamp_seconds'));

  const dashboard = JSON.parse(await readFile('monitoring/grafana/roompost-fleet.json', 'utf8')) as Dashboard;
  const rules = parse(await readFile('monitoring/prometheus/roompost-alerts.yml', 'utf8')) as RuleFile;
  const queries = [
    ...dashboard.panels.flatMap((p) => p.targets.map((q) => ({ where: `panel "${p.title}"`, expr: q.expr }))),
    ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
  ];
  assert.ok(queries.length >= 15, 'the files were read');
  const SCRAPE_LABELS = new Set(['job', 'instance']); // added by Prometheus, not by the service
  for (const { where, expr } of queries) {
    const named = selectors(expr);
    // Prometheus' own `up` of the scrape job is the one other series a query may use.
    if (named.length === 0)
      assert.match(expr, /^up\{job="roompost-central"\}/, `${where} names no roompost metric`);
    for (const { metric, labels } of named) {
      const known = metrics.get(metric);
      assert.ok(known, `${where}: ${metric} is not exposed by central or the edge`);
      for (const label of labels) {
        if (SCRAPE_LABELS.has(label)) continue;
        // A series with no sample yet (e.g. no reconciliation run) has no labels to compare.
        if (known.size > 0) assert.ok(known.has(label), `${where}: ${metric} has no label "${label}"`);
      }
    }
  }
});
