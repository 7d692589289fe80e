import type { z } from 'zod';
import { apiErrorBody, type ErrorCode } from './errors.js';
import { isAmountOutOfRange } from './schemas.js';

/**
 * A refusal with a contract code, thrown by domain code. It knows nothing of HTTP: each service's
 * error handler (its one mapping) turns the code into a status, and RPC answers carry the code as is.
 * Each package throws its own subclass (`EdgeError`, `CentralError`, sync's `ContractError`).
 */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly context: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    message?: string,
    opts: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message ?? code, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CodedError';
    this.code = code;
    this.field = opts.field;
    this.context = opts.context ?? {};
  }

  /** The wire body `{ code, message, action, field?, context? }` (HTTP answers and the kiosk's events). */
  body() {
    return {
      ...apiErrorBody(this.code, this.message, this.field),
      ...(Object.keys(this.context).length ? { context: this.context } : {}),
    };
  }
}

/** sync's own refusals: input that does not meet the contract's schemas. */
export class ContractError extends CodedError {
  override readonly name = 'ContractError';
}

/**
 * Validates a request part against its schema. On failure the error names the first bad field
 * (`items.0.quantity`) and lists every problem in the message.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const field = fieldOf(issues[0]);
  const message = issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
  if (isAmountOutOfRange(issues)) {
    throw new ContractError('AMOUNT_OUT_OF_RANGE', message, field === undefined ? {} : { field });
  }
  return failValidation(message, field);
}

/**
 * The field an issue is about. A union (`{ uid }` or `{ roomNumber, lastName? }`) reports itself at
 * the root: the field is then the first one its closest branch objects to. A body that is not even
 * an object is the `body` field itself.
 */
function fieldOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (!issue) return undefined;
  if (issue.path.length) return issue.path.map(String).join('.');
  if (issue.code === 'invalid_union') {
    const branches = issue.errors.filter((b) => b.length > 0);
    const closest = branches.find((b) => b.every((i) => i.path.length > 0)) ?? branches[0];
    const nested = closest?.[0];
    if (nested?.path.length) return nested.path.map(String).join('.');
  }
  return 'body';
}

function failValidation(message: string, field: string | undefined): never {
  throw new ContractError('VALIDATION_FAILED', message, field === undefined ? {} : { field });
}
