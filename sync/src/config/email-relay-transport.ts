// The SMTP transport to the property's relay (`emailRelaySchema`), for the edge's e-mail receipts and
// central's invoice e-mail alike.
import type { Transporter } from 'nodemailer';
import type { EmailRelayConfig } from './email-relay-config.js';

export type RelayTransport = Transporter;

/** nodemailer is imported at the first mail, not at start (~15 MB a service need not hold idle). */
export async function openRelayTransport(relay: EmailRelayConfig): Promise<RelayTransport> {
  const { default: nodemailer } = await import('nodemailer');
  const tls = relay.tls ?? 'starttls';
  return nodemailer.createTransport({
    host: relay.host,
    port: relay.port ?? (tls === 'implicit' ? 465 : 25),
    secure: tls === 'implicit',
    requireTLS: tls === 'starttls',
    ignoreTLS: tls === 'none',
    ...(relay.user && relay.password ? { auth: { user: relay.user, pass: relay.password } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** The relay's answer or the socket error, short enough for a record and a clerk's screen. */
export function describeRelayError(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown; code?: unknown };
  const text = typeof e.response === 'string' ? e.response : String(e.message ?? err);
  return (typeof e.code === 'string' && !text.includes(e.code) ? `${e.code}: ${text}` : text).slice(0, 500);
}
