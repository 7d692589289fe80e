// Which sources a compiled service was built from, so a build older than its sources never runs.
// `npm run build` writes `<bundle>.inputs.json` beside each bundle: the SHA-256 of every source file
// esbuild put into it (esbuild's metafile inputs: our workspaces' TypeScript and the npm packages bundled
// with it). The commands (`roompost-edge`, `roompost-central`) compare it before they load the bundle.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<bundle>.inputs.json` for a bundle path. */
export const manifestPath = (bundle) => `${bundle}.inputs.json`;

export function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The manifest of a bundle from esbuild's metafile inputs (paths relative to `root`). */
export function manifestOf(root, metafileInputs) {
  const inputs = {};
  for (const path of Object.keys(metafileInputs).sort()) inputs[path] = sha256(join(root, path));
  return { version: 1, inputs };
}

/**
 * Why the bundle at `bundle` must not run, or null when it matches its sources: no manifest (built
 * before manifests, or by hand), or the first source that changed or is gone since the build.
 */
export function staleReason(root, bundle) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(bundle), 'utf8'));
  } catch {
    return 'it has no build manifest';
  }
  if (manifest?.version !== 1 || typeof manifest.inputs !== 'object' || manifest.inputs === null) {
    return 'its build manifest is not one this version writes';
  }
  for (const [path, hash] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = sha256(join(root, path));
    } catch {
      return `${path} is gone since the build`;
    }
    if (now !== hash) return `${path} changed since the build`;
  }
  return null;
}
