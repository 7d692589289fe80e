import type { z } from 'zod';
import { isAmountOutOfRange } from './schemas.js';

export type Decoded<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; code: 'VALIDATION_FAILED' | 'AMOUNT_OUT_OF_RANGE'; json?: unknown };

/**
 * Parses a raw MQTT payload against a schema. Never throws: an invalid payload comes back with a
 * reason naming each bad field, for the log line that records why it was dropped.
 */
export function decodePayload<S extends z.ZodType>(schema: S, payload: Buffer | string): Decoded<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}`, code: 'VALIDATION_FAILED' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  return {
    ok: false,
    reason: describeIssues(issues),
    code: isAmountOutOfRange(issues) ? 'AMOUNT_OUT_OF_RANGE' : 'VALIDATION_FAILED',
    json,
  };
}

export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
