/**
 * Makes any string print literally inside a receiptline text column.
 *
 * receiptline's "Special characters in text" (README, Grammar): `\` escape, `|` column delimiter,
 * `{` `}` property delimiters, `-` / `=` alone on a line (rule / paper cut), `~` space, `_`
 * underline, `"` emphasis, `` ` `` invert, `^` enlarge. Each has a backslash escape. Line breaks
 * and other control characters would end the document line (or be dropped), so they become spaces;
 * leading and trailing spaces would change the column's alignment, so they are trimmed.
 */
export function escapeReceiptText(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim()
    .replace(/[\\|{}\-=~_"`^]/g, (char) => `\\${char}`);
}
