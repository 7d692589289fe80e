// The guard between a PMS's bytes and our types: an answer is JSON, parses, and matches the schema
// the adapter expects, or it is a PmsError. A captive portal's HTML page or a truncated body never
// reaches adapter code as data.
import type { z } from 'zod';
import type { HttpAnswer } from './http-client.js';
import { lostAnswer } from './http-client.js';

/** Parses an answer's body as JSON; anything else is treated as a lost answer of that request. */
export function parseJson(answer: HttpAnswer): unknown {
  const type = answer.headers.get('content-type') ?? '';
  const looksJson = /json/i.test(type) || /^\s*[[{]/.test(answer.text);
  if (!looksJson || /^\s*</.test(answer.text)) {
    throw lostAnswer(answer.kind, `the PMS answered ${type || 'untyped'} where JSON was expected`, {
      status: answer.status,
      contentType: type,
      bodyStart: answer.text.slice(0, 80),
    });
  }
  try {
    return JSON.parse(answer.text);
  } catch (err) {
    throw lostAnswer(
      answer.kind,
      'the PMS answered malformed JSON',
      { status: answer.status, bodyStart: answer.text.slice(0, 80) },
      err,
    );
  }
}

/** Parses and validates; a body of the wrong shape is as unreadable as one that is not JSON. */
export function readJson<S extends z.ZodType>(answer: HttpAnswer, schema: S): z.infer<S> {
  const parsed = schema.safeParse(parseJson(answer));
  if (!parsed.success) {
    throw lostAnswer(answer.kind, 'the PMS answer does not have the documented shape', {
      status: answer.status,
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  }
  return parsed.data;
}

/** Best effort for error bodies: the parsed JSON, or null when it is not JSON (403 with empty body). */
export function tryJson(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return null;
  }
}
