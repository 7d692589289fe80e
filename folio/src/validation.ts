// Input checks shared by the folio services. Each failure is VALIDATION_FAILED naming the field.
import { FolioError } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function invalid(field: string, message: string, context: Record<string, unknown> = {}): FolioError {
  return new FolioError('VALIDATION_FAILED', `${field}: ${message}`, { field, ...context });
}

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not). */
export function requireIsoDate(value: unknown, field: string): string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [, y, m, d] = match.map(Number);
    const date = new Date(Date.UTC(y!, m! - 1, d!));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d) {
      return value as string;
    }
  }
  throw invalid(field, 'must be a date as YYYY-MM-DD', { value });
}

export function requireText(value: unknown, field: string, maxLength = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw invalid(field, `must be non-empty text of at most ${maxLength} characters`, { value });
  }
  return value.trim();
}

export function optionalText(value: unknown, field: string, maxLength = 200): string | null {
  return value === undefined || value === null ? null : requireText(value, field, maxLength);
}

/** A safe integer at least `min`: amounts in minor units, counts. */
export function requireInteger(value: unknown, field: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(field, `must be a safe integer ≥ ${min}`, { value });
  }
  return value;
}
