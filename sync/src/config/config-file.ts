import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** A config file that cannot be used; `problems` lists every one of them with its path. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file} is not a valid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates a JSON config file at boot, listing all problems at once. */
export function readConfigFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? err}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not JSON: ${(err as Error).message}`]);
  }
  return parseConfig(file, json, schema);
}

export function parseConfig<S extends z.ZodType>(source: string, json: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    source,
    parsed.error.issues.map(
      (i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`,
    ),
  );
}
