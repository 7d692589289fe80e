// Reads a V8 CPU profile (.cpuprofile, from `node --cpu-prof` or the inspector) and says where the time
// went: the share of busy samples per package or source area (self time), and the busiest functions.
// Idle samples are counted apart, so "busy" is what the process itself spent.
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Wall time the profile covers, and the part of it the thread was busy (not idle), in ms. */
  wallMs: number;
  busyMs: number;
  /** Busy self time per area, largest first: [area, ms]. */
  areas: Array<[string, number]>;
  /** Busy self time per function, largest first: [function (area), ms]. */
  functions: Array<[string, number]>;
}

/** The package (node_modules/x), our workspace folder (central/src/postings), or V8's own bucket. */
export function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 and native (program)';
    if (functionName === '(idle)') return 'idle';
    return `native ${functionName || '(anonymous)'}`;
  }
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] as string;
  if (path.startsWith('node:')) return `node ${path.slice(5).split('/')[0]}`;
  const ours = /\/(central|edge|folio|sync|drivers|kiosk-ui|provisioning)\/src\/([^/]+)/.exec(path);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return path.split('/').slice(-2).join('/');
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample is this sample's
    total += us;
    const node = byId.get(id);
    if (!node) return;
    const area = areaOf(node.callFrame);
    if (area === 'idle') {
      idle += us;
      return;
    }
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} (${area})`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  });
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1000] as [string, number]);
  return {
    wallMs: total / 1000,
    busyMs: (total - idle) / 1000,
    areas: sorted(areas),
    functions: sorted(functions),
  };
}

/** Lines for a report: busy share, then the top areas and functions with their share of busy time. */
export function describeProfile(name: string, s: ProfileSummary, top = 12): string[] {
  const pct = (ms: number) => `${((100 * ms) / Math.max(s.busyMs, 1e-9)).toFixed(1)} %`;
  return [
    `${name}: busy ${s.busyMs.toFixed(0)} ms of ${s.wallMs.toFixed(0)} ms profiled (${((100 * s.busyMs) / Math.max(s.wallMs, 1e-9)).toFixed(0)} %)`,
    ...s.areas.slice(0, top).map(([a, ms]) => `  ${pct(ms).padStart(7)}  ${a}`),
    '  busiest functions:',
    ...s.functions.slice(0, top).map(([f, ms]) => `  ${pct(ms).padStart(7)}  ${f}`),
  ];
}

/**
 * Where the busy samples of functions named `name` came from: self time per chain of the `depth`
 * nearest callers that are not node's or V8's own frames, largest first.
 */
export function callersOf(profile: CpuProfile, name: string, depth = 4): Array<[string, number]> {
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node?.callFrame.functionName !== name) return;
    const chain: string[] = [];
    for (let p = parent.get(id); p && chain.length < depth; p = parent.get(p.id)) {
      const area = areaOf(p.callFrame);
      if (area.startsWith('node ') || area.startsWith('native') || area === 'V8 and native (program)')
        continue;
      chain.push(`${p.callFrame.functionName || '(anonymous)'} (${area})`);
    }
    const key = chain.join(' ← ') || '(root)';
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...out.entries()].sort((a, b) => b[1] - a[1]);
}

/**
 * Busy time by the nearest frame of our own code (central/, folio/, sync/, edge/) on each sample's
 * stack: what each of our functions costs with the library code it calls (kysely, pg, mqtt, zod).
 */
export function byOwnCaller(profile: CpuProfile): Array<[string, number]> {
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = (n: ProfileNode) => /^(central|folio|sync|edge|drivers)\//.test(areaOf(n.callFrame));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || areaOf(node.callFrame) === 'idle') return;
    let at: ProfileNode | undefined = node;
    while (at && !ours(at)) at = parent.get(at.id);
    const key = at
      ? `${at.callFrame.functionName || '(anonymous)'} (${areaOf(at.callFrame)})`
      : '(not under our code)';
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...out.entries()].sort((a, b) => b[1] - a[1]);
}

export async function describeProfileFile(file: string, top = 12): Promise<string[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  return describeProfile(file, summarizeProfile(profile), top);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top, callers] = process.argv.slice(2);
  if (!file)
    throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [function whose callers to show]');
  for (const line of await describeProfileFile(file, Number(top ?? 15))) console.log(line);
  const loaded = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log('by our nearest function (with the library code under it):');
  for (const [fn, ms] of byOwnCaller(loaded).slice(0, Number(top ?? 15)))
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
  if (callers) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    console.log(`callers of ${callers}:`);
    for (const [chain, ms] of callersOf(profile, callers).slice(0, Number(top ?? 15)))
      console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${chain}`);
  }
}
