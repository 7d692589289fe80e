import { z } from 'zod';

/**
 * A relay password: the value itself or `{ "env": "SMTP_PASSWORD" }` (read from the environment at
 * start, so it need not sit in edge.json or central.json). Resolved while the config is validated: an unset
 * variable is reported at its path like any other config problem, and the edge does not start.
 */
const secretValue = z
  .union([
    z.string().min(1),
    z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }).strict(),
  ])
  .transform((value, ctx): string => {
    if (typeof value === 'string') return value;
    const resolved = process.env[value.env];
    if (resolved) return resolved;
    ctx.addIssue({ code: 'custom', message: `environment variable ${value.env} is not set`, input: value });
    return z.NEVER;
  });

/**
 * The property's SMTP relay: edge config `outlet.emailRelay` (e-mail receipts, docs/edge-api.md "Receipt
 * choice") and central config `emailRelay` (invoice e-mail, docs/taxes-and-invoices.md), one schema for both.
 * `tls`: 'starttls' (the default: the session must upgrade with STARTTLS), 'implicit' (TLS from the
 * first byte, usually port 465) or 'none' (a relay on the same host or a trusted LAN; no login).
 */
export const emailRelaySchema = z
  .object({
    host: z.string().min(1),
    /** Default: 465 with `tls: 'implicit'`, else 25. */
    port: z.number().int().min(1).max(65535).optional(),
    tls: z.enum(['starttls', 'implicit', 'none']).optional(),
    user: z.string().min(1).optional(),
    password: secretValue.optional(),
    from: z.email(),
    replyTo: z.email().optional(),
    /** Attempts before a request is given up as `failed` (default 6). */
    maxAttempts: z.number().int().min(1).max(50).optional(),
    /** Wait after the first failed attempt; doubles per attempt up to `maxRetryDelayMs`. */
    retryDelayMs: z.number().int().min(100).max(3_600_000).optional(),
    maxRetryDelayMs: z.number().int().min(100).max(86_400_000).optional(),
  })
  .strict()
  .superRefine((relay, ctx) => {
    if ((relay.user === undefined) !== (relay.password === undefined)) {
      const field = relay.user === undefined ? 'user' : 'password';
      ctx.addIssue({ code: 'custom', path: [field], message: 'user and password go together' });
    }
    if (relay.user !== undefined && relay.tls === 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['tls'],
        message: "a login needs 'starttls' or 'implicit' (the password would cross the network in clear)",
      });
    }
    if (relayRetry(relay).maxRetryDelayMs < relayRetry(relay).retryDelayMs) {
      ctx.addIssue({ code: 'custom', path: ['maxRetryDelayMs'], message: 'at least retryDelayMs' });
    }
  });

export type EmailRelayConfig = z.infer<typeof emailRelaySchema>;

/** The relay's retry rule with its defaults: 6 attempts, 30 s doubling up to 1 h. */
export function relayRetry(
  relay: Pick<EmailRelayConfig, 'maxAttempts' | 'retryDelayMs' | 'maxRetryDelayMs'>,
) {
  return {
    maxAttempts: relay.maxAttempts ?? 6,
    retryDelayMs: relay.retryDelayMs ?? 30_000,
    maxRetryDelayMs: relay.maxRetryDelayMs ?? 3_600_000,
  };
}
