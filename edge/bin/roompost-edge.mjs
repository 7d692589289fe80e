#!/usr/bin/env node
// `roompost-edge`: the compiled service (npm run build) when it is there, else the TypeScript
// sources through tsx (a development checkout). `roompost-edge --help` lists the commands.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
