// Rewrites a .cpuprofile of a compiled service (central/dist/main.js, edge/dist/main.js) so that each
// frame names the source it was bundled from (through the bundle's source map), for
// bench/profile-summary.ts to group by package and workspace as it does for a tsx run.
//   node bench/remap-profile.mjs /tmp/x.edge.cpuprofile > /tmp/x.edge.src.cpuprofile
// A service's profile covers its whole life (start-up included); with `--window /tmp/x.cpuprofile`
// (the benchmark's own profile of its measured part) only the samples taken while the benchmark
// measured are kept. Both profiles' timestamps are the machine's monotonic clock, shared by processes.
//   node bench/remap-profile.mjs /tmp/x.edge.cpuprofile --window /tmp/x.cpuprofile > /tmp/x.edge.win.cpuprofile
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

const [file, flag, windowFile] = process.argv.slice(2);
if (!file || (flag !== undefined && (flag !== '--window' || !windowFile)))
  throw new Error('usage: node bench/remap-profile.mjs <file.cpuprofile> [--window <measured.cpuprofile>]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
if (windowFile) {
  // Keeps the samples inside the window; each kept sample's delta is the time since the previous kept one.
  const { startTime, endTime } = JSON.parse(readFileSync(windowFile, 'utf8'));
  const samples = [];
  const timeDeltas = [];
  let at = profile.startTime;
  let last;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < startTime || at > endTime) return;
    samples.push(id);
    timeDeltas.push(last === undefined ? 0 : at - last);
    last = at;
  });
  Object.assign(profile, { samples, timeDeltas, startTime, endTime });
}
const maps = new Map();
const mapFor = (url) => {
  if (!maps.has(url)) {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    let map = null;
    try {
      map = new TraceMap(readFileSync(`${path}.map`, 'utf8'), url);
    } catch {}
    maps.set(url, map);
  }
  return maps.get(url);
};
for (const node of profile.nodes) {
  const f = node.callFrame;
  if (!/\/dist\/main\.js$/.test(f.url) || f.lineNumber < 0) continue;
  const map = mapFor(f.url);
  if (!map) continue;
  const at = originalPositionFor(map, { line: f.lineNumber + 1, column: f.columnNumber });
  if (!at.source) continue;
  f.url =
    at.source.startsWith('file:') || at.source.startsWith('/') ? at.source : new URL(at.source, f.url).href;
  if (at.name && !f.functionName) f.functionName = at.name;
  f.lineNumber = (at.line ?? 1) - 1;
  f.columnNumber = at.column ?? 0;
}
process.stdout.write(JSON.stringify(profile));
