// A credential in the PMS config: the value itself, or where to read it at boot so that it need not
// sit in central.json: `{ "env": "CLOUDBEDS_CLIENT_SECRET" }` (an environment variable, e.g. from a
// systemd EnvironmentFile) or `{ "file": "/etc/roompost/cloudbeds.secret" }` (a key file, e.g. a
// systemd credential or a Docker secret; one trailing newline is dropped). Resolved while the config
// is validated, so a missing variable or unreadable file is listed with every other config problem,
// at its path, and central does not start.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';

const envRef = z
  .object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') })
  .strict();
const fileRef = z.object({ file: z.string().refine(isAbsolute, 'an absolute path') }).strict();

export const secretValue = z.union([z.string().min(1), envRef, fileRef]).transform((value, ctx): string => {
  if (typeof value === 'string') return value;
  if ('env' in value) {
    const resolved = process.env[value.env];
    if (resolved) return resolved;
    ctx.addIssue({ code: 'custom', message: `environment variable ${value.env} is not set`, input: value });
    return z.NEVER;
  }
  let text: string;
  try {
    text = readFileSync(value.file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    ctx.addIssue({ code: 'custom', message: `cannot read secret file ${value.file}: ${code}`, input: value });
    return z.NEVER;
  }
  if (text) return text;
  ctx.addIssue({ code: 'custom', message: `secret file ${value.file} is empty`, input: value });
  return z.NEVER;
});
