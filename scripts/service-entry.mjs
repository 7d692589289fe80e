// What `roompost-edge` and `roompost-central` run: the compiled bundle (npm run build) when it was
// built from the sources as they are now, else the TypeScript sources through tsx (a development
// checkout). A bundle older than its sources never runs: the command says so and runs the sources,
// or, where tsx is not installed, refuses (exit 1) until `npm run build` has run again.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { staleReason } from './build-manifest.mjs';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * `bundle` and `source` are file URLs; `name` is the command, for messages; `root` the folder the
 * manifest's paths are relative to (the repository); `loadTsx` loads tsx's API (tests make it fail,
 * as on a machine installed without dev dependencies).
 */
export async function runService(
  name,
  bundle,
  source,
  root = repositoryRoot,
  loadTsx = () => import('tsx/esm/api'),
) {
  const bundlePath = fileURLToPath(bundle);
  if (existsSync(bundlePath)) {
    const stale = staleReason(root, bundlePath);
    if (stale === null) return import(bundle.href);
    let register;
    try {
      ({ register } = await loadTsx());
    } catch {
      process.stderr.write(
        `${name}: the compiled build ${bundlePath} is out of date (${stale}); run \`npm run build\` in ${root}\n`,
      );
      process.exit(1);
    }
    process.stderr.write(
      `${name}: the compiled build is out of date (${stale}): running the sources; \`npm run build\` compiles them again\n`,
    );
    register();
    return import(source.href);
  }
  const { register } = await loadTsx();
  register();
  return import(source.href);
}
