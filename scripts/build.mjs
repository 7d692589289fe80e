#!/usr/bin/env node
// `npm run build`: each service as one compiled JavaScript file, what production runs (systemd,
// install-pi.sh). tsx stays a development tool: no TypeScript compiler in a running service.
//
//   central/dist/main.js   edge/dist/main.js   (and main.js.inputs.json: scripts/build-manifest.mjs)
//
// esbuild bundles our workspaces (@roompost/*, TypeScript sources) into the file and leaves every
// npm package external (loaded from node_modules as usual: native modules, their own files).
// `import.meta.url` in a bundled source keeps meaning that source's own location, so paths such as
// `new URL('../../kiosk-ui/dist/kiosk', import.meta.url)` still resolve from where the file lives.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { manifestOf, manifestPath } from './build-manifest.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const entries = [
  { in: 'central/src/main.ts', out: 'central/dist/main.js' },
  { in: 'edge/src/main.ts', out: 'edge/dist/main.js' },
];

/** npm packages stay external; our workspaces are bundled from source. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@roompost/') || args.path.startsWith('node:')) return undefined;
      // Importing a package has no effect we rely on (no source imports one only for its side
      // effects), so a package whose bindings the bundle never uses is not imported at all: the edge
      // bundles @roompost/sync, whose embedded broker would otherwise load aedes in every outlet.
      return { path: args.path, external: true, sideEffects: false };
    });
  },
};

/** Rewrites `import.meta.url` in each bundled file to that file's own URL, relative to the bundle. */
function ownImportMetaUrl(outFile) {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(dirname(resolve(root, outFile)), args.path)
          .split('\\')
          .join('/');
        const own = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
      });
    },
  };
}

const started = Date.now();
for (const entry of entries) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [externalPackages, ownImportMetaUrl(entry.out)],
    metafile: true,
  });
  // The sources it was built from: the commands refuse to run it once one of them changes.
  const manifest = manifestOf(root, result.metafile.inputs);
  await writeFile(resolve(root, manifestPath(entry.out)), `${JSON.stringify(manifest, null, 1)}\n`);
}
console.log(`built ${entries.map((e) => e.out).join(', ')} in ${Date.now() - started} ms`);
