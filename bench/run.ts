// `npm run bench`: every figure of docs/performance.md, one script each, each in its own process
// (so one's memory and JIT state do not colour the next), then the summary lines together.
// Quick sizes by default (under 3 minutes on 2 cores, run by CI); `npm run bench -- --full` runs
// the sizes of the table. Never exits non-zero for a slow machine: a missed goal prints MISSED.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FULL, machine } from './lib.js';

const scripts = [
  'edge-checks.bench.ts',
  'tap-to-posted.bench.ts',
  'central-ingest.bench.ts',
  'central-ingest-mosquitto.bench.ts',
  'backlog.bench.ts',
  'memory.bench.ts',
  'night-audit.bench.ts',
  'reconciliation.bench.ts',
];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const summary: string[] = [];
console.log(`roompost benchmarks (${FULL ? 'full' : 'quick'} sizes) on ${machine()}`);
for (const script of scripts.filter((s) => only.length === 0 || only.some((o) => s.includes(o)))) {
  console.log(`\n== ${script}`);
  const lines = await new Promise<string[]>((resolve) => {
    const out: string[] = [];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, script), ...(FULL ? ['--full'] : [])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffer += chunk.toString();
    });
    child.on('exit', (code) => {
      out.push(...buffer.split('\n').filter((l) => /, (met|MISSED)$/.test(l)));
      if (code !== 0) out.push(`${script}, failed to run (exit ${code}), , , , MISSED`);
      resolve(out);
    });
  });
  summary.push(...lines);
}
console.log('\nfigure, measured, baseline, ratio, goal, met|MISSED');
for (const line of summary) console.log(line);
console.log(`machine: ${machine()}`);
