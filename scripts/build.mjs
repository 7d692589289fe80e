#!/usr/bin/env node
// `npm run build`: each service as one compiled JavaScript file, what production runs (systemd,
// install-pi.sh). tsx stays a development tool: no TypeScript compiler in a running service.
//
//   central/dist/main.js   edge/dist/main.js   (and main.js.inputs.json: scripts/build-manifest.mjs)
//
// esbuild bundles our workspaces (@roompost/*, TypeScript sources) and the npm packages that are plain
// JavaScript into the file, minified (whitespace and syntax; identifiers keep their names, and the
// source map beside it maps back) and pure ASCII: V8 keeps the source text of every loaded script in
// memory for its lifetime, one byte per character for ASCII and two for anything else, and one
// bundle of only the code reachable from main is far smaller than the packages' own files loaded one
// by one (docs/performance.md, "Idle memory"). The packages in KEEP_EXTERNAL stay external (loaded
// from node_modules as usual).
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

/**
 * npm packages loaded from node_modules rather than bundled, and why. Natives (better-sqlite3, pg's
 * optional binding, serialport, nfc-pcsc, onoff) are loaded through createRequire or a computed
 * import() in our sources, which esbuild leaves alone, so they never reach this list.
 */
const KEEP_EXTERNAL = new Set([
  // Starts its transports and worker threads from its own files (thread-stream, __dirname).
  'pino',
  // Loaded at first use (createRequire or import() in our sources): bundled, their source would be
  // in memory from the start.
  'pdfkit',
  'nodemailer',
  '@peculiar/x509',
  'reflect-metadata',
  'qrcode',
  'fast-xml-parser',
  // Reads its own package.json through __dirname; loaded at the first request of an OpenAPI document.
  '@fastify/swagger',
  // Requires each encoding's tables when the printer first uses it; bundled, all would load.
  'iconv-lite',
]);

const packageName = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

/** Our workspaces and plain-JavaScript packages are bundled; KEEP_EXTERNAL packages stay imports. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@roompost/') || args.path.startsWith('node:')) return undefined;
      // Importing a package has no effect our sources rely on (none imports one only for its side
      // effects), so a package whose bindings the bundle never uses is left out: the edge bundles
      // @roompost/sync, whose embedded broker would otherwise bring aedes into every outlet.
      if (KEEP_EXTERNAL.has(packageName(args.path)))
        return { path: args.path, external: true, sideEffects: false };
      if (args.pluginData?.resolving || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      const found = await b.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { resolving: true },
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, sideEffects: false };
    });
  },
};

/**
 * zod's `z.locales` namespace holds its error messages in 48 languages (about 300 KB of source in
 * the bundle, kept in memory); the `z` namespace object keeps all of them reachable, so esbuild
 * cannot drop them. We only use English, which zod sets itself (its schemas import `en.js`), so the
 * compiled services get a `locales` namespace with English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
  },
};

/**
 * The `debug` package's loggers take their arguments as a rest parameter, so every call builds an
 * array even when logging is off; mqtt-packet logs several lines per MQTT packet it parses or writes
 * (3.5 % of all bytes central allocated over the full ingest benchmark, V8's sampling heap profiler).
 * In the compiled services a logger is a plain no-op function unless `DEBUG` is set when the service
 * starts; then the real package is loaded and logs as before.
 */
const quietDebug = {
  name: 'quiet-debug',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]debug[\\/]src[\\/]index\.js$/ }, () => ({
      contents: `
if (process.env.DEBUG) {
  module.exports = require('./node.js');
} else {
  const off = (namespace) => {
    const log = function debug() {};
    log.namespace = namespace;
    log.enabled = false;
    log.log = off.log;
    log.extend = (sub, delimiter) => off(namespace + (delimiter === undefined ? ':' : delimiter) + sub);
    log.destroy = () => false;
    return log;
  };
  off.log = () => {};
  off.enable = () => {};
  off.disable = () => '';
  off.enabled = () => false;
  off.coerce = (v) => v;
  off.formatters = {};
  off.names = [];
  off.skips = [];
  off.default = off;
  off.debug = off;
  module.exports = off;
}
`,
      loader: 'js',
    }));
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

/**
 * A bundled package that finds its own files at run time would look beside the bundle instead
 * (add it to KEEP_EXTERNAL); a character outside ASCII would make V8 keep the whole bundle's source
 * as two bytes per character (esbuild's ascii charset leaves one in a regular expression literal:
 * write it as a \u escape in the source).
 */
function checkBundle(out, code) {
  const ownFiles = /\b(__dirname|__filename|require\.resolve)\b/.exec(code);
  if (ownFiles) {
    throw new Error(
      `${out}: a bundled package uses ${ownFiles[1]} near "${code.slice(ownFiles.index - 80, ownFiles.index + 40)}": keep it external`,
    );
  }
  const wide = /[\u0080-\uffff]/.exec(code);
  if (wide) {
    throw new Error(
      `${out}: not ASCII (U+${wide[0].codePointAt(0).toString(16)}) near "${code.slice(wide.index - 60, wide.index + 20)}"`,
    );
  }
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
    // Whitespace and syntax only: identifiers keep their names for stack traces and for code that
    // reads a function's name. (keepNames would also undo esbuild's renames of colliding top-level
    // names, but its __name() call per function cost central 3.5 MB of heap.)
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    // A bundled CommonJS package's require() of a Node built-in or a KEEP_EXTERNAL package.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
    plugins: [externalPackages, zodEnglishOnly, quietDebug, ownImportMetaUrl(entry.out)],
    metafile: true,
  });
  checkBundle(entry.out, await readFile(resolve(root, entry.out), 'utf8'));
  // The sources it was built from: the commands refuse to run it once one of them changes.
  const manifest = manifestOf(root, result.metafile.inputs);
  await writeFile(resolve(root, manifestPath(entry.out)), `${JSON.stringify(manifest, null, 1)}\n`);
}
console.log(`built ${entries.map((e) => e.out).join(', ')} in ${Date.now() - started} ms`);
