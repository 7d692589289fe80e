import type { z } from 'zod';
import { apiErrorBody, type ErrorCode, HTTP_STATUS } from './errors.js';
import { isAmountOutOfRange } from './schemas.js';

/** An error an HTTP API answers with: status from the code, body `{ code, message, action, field? }`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly context: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    message?: string,
    opts: { field?: string; context?: Record<string, unknown> } = {},
  ) {
    super(message ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.field = opts.field;
    this.context = opts.context ?? {};
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  body() {
    return {
      ...apiErrorBody(this.code, this.message, this.field),
      ...(Object.keys(this.context).length ? { context: this.context } : {}),
    };
  }
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
    throw new ApiError('AMOUNT_OUT_OF_RANGE', message, field === undefined ? {} : { field });
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
  throw new ApiError('VALIDATION_FAILED', message, field === undefined ? {} : { field });
}
