// Names, codes and free text that cross a boundary are plain text: no control characters (NUL and
// the C0/C1 ranges), no bidirectional overrides or isolates (they make "412" display as "214" on a
// receipt or in the console), and no HTML markup. Refused at the schema, so the error names the field.
import type { z } from 'zod';

// C0 and C1 controls (tab and newline included: none of these fields spans lines), bidi embeddings,
// overrides, isolates and marks, and the characters that open HTML markup or entities.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069<>]/u;

export const UNSAFE_TEXT_MESSAGE = 'plain text only: no control characters, bidi overrides or HTML';

/** Refines a string schema to refuse unsafe characters (see above). */
export function plainText<S extends z.ZodString>(schema: S) {
  return schema.refine((value) => !UNSAFE.test(value), UNSAFE_TEXT_MESSAGE);
}

export const isPlainText = (value: string) => !UNSAFE.test(value);
