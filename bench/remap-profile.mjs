// Rewrites a .cpuprofile of a compiled service (central/dist/main.js, edge/dist/main.js) so that each
// frame names the source it was bundled from (through the bundle's source map), for
// bench/profile-summary.ts to group by package and workspace as it does for a tsx run.
//   node bench/remap-profile.mjs /tmp/x.edge.cpuprofile > /tmp/x.edge.src.cpuprofile
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/remap-profile.mjs <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8'));
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
