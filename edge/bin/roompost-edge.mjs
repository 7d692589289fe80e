#!/usr/bin/env node
// `roompost-edge`: the compiled service (npm run build) when it matches the sources, else the
// TypeScript sources through tsx (scripts/service-entry.mjs). `roompost-edge --help` lists the commands.
import { runService } from '../../scripts/service-entry.mjs';

await runService(
  'roompost-edge',
  new URL('../dist/main.js', import.meta.url),
  new URL('../src/main.ts', import.meta.url),
);
