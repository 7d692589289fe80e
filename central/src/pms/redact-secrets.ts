// A PMS config as the back office may see it: every credential replaced, everything else as configured.
// Secrets never leave central (CONVENTIONS: secrets never reach a log line, nor an API answer).

export const REDACTED = '[redacted]';

/** Keys that hold a credential in some PMS's config (OAuth, Mews tokens, OHIP app key, HTNG bearer…). */
const SECRET_KEYS = new Set([
  'apikey',
  'appkey',
  'clientsecret',
  'clienttoken',
  'accesstoken',
  'refreshtoken',
  'token',
  'password',
  'secret',
]);

/** Whether `key` of `parent` holds a credential. */
export function isSecretField(key: string, parent: object): boolean {
  const isHeaderAuth = (parent as { type?: unknown }).type === 'header';
  return SECRET_KEYS.has(key.toLowerCase()) || (isHeaderAuth && key === 'value');
}

/** A copy of `value` with every credential replaced by `replace(credential, path)`. */
export function mapSecrets(
  value: unknown,
  replace: (secret: unknown, path: string[]) => unknown,
  path: string[] = [],
): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mapSecrets(v, replace, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [
      key,
      isSecretField(key, value) ? replace(v, [...path, key]) : mapSecrets(v, replace, [...path, key]),
    ]),
  );
}

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  // The REST adapter's `{ type: 'header', name, value }`: the header's value is the credential.
  const isHeaderAuth = (value as { type?: unknown }).type === 'header';
  return Object.fromEntries(
    entries.map(([key, v]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) || (isHeaderAuth && key === 'value') ? REDACTED : redactSecrets(v),
    ]),
  );
}
