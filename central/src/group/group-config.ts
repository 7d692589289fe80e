// A hotel group's deployment: one process serving several properties, each with its own central.json
// and data (its own database: per-property data by construction), and one group view over them
// (docs/scale-out.md "A hotel group"). Group users sign in to the group view and see only the
// properties they are scoped to.
import { readConfigFile } from '@roompost/sync';
import { z } from 'zod';
import { PASSWORD_HASH_PATTERN } from '../auth/password-hash.js';

const propertyCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a property code as in central.json');

export const groupConfigSchema = z
  .object({
    version: z.literal(1),
    name: z.string().trim().min(1).max(200),
    http: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535),
        /** Off loopback the group view is HTTPS only: a certificate the browsers trust. */
        tls: z
          .object({ certFile: z.string().min(1), keyFile: z.string().min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .refine((h) => h.tls !== undefined || isLoopback(h.host), {
        message: 'off loopback the group view needs http.tls (certFile, keyFile)',
        path: ['tls'],
      }),
    /** Each property: its central.json, and its data folder (relative to --data). */
    properties: z
      .array(z.object({ config: z.string().min(1), data: z.string().min(1) }).strict())
      .min(1)
      .max(50),
    users: z
      .array(
        z
          .object({
            username: z.string().regex(/^[a-z0-9._-]{2,64}$/, 'lower-case letters, digits, ".", "_" or "-"'),
            passwordHash: z.string().regex(PASSWORD_HASH_PATTERN, 'a hash from `npm run -s hash-password`'),
            /** "*" is every property of the group; otherwise the codes this user may see. */
            properties: z.union([z.literal('*'), z.array(propertyCode).min(1).max(50)]),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export type GroupConfig = z.infer<typeof groupConfigSchema>;
export type GroupUser = GroupConfig['users'][number];

export const loadGroupConfig = (file: string): GroupConfig => readConfigFile(file, groupConfigSchema);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
