// Bulk reads and writes that stay friendly to the statement cache (`statement-cache.ts`): a query's
// SQL text depends on how many values it binds, so an IN-list is padded to a power of two and a
// multi-row INSERT is cut into power-of-two chunks. A batch of any size then uses a handful of
// distinct statements per table instead of one per size.

/** `values` (non-empty) padded to the next power of two by repeating the last; IN-lists ignore repeats. */
export function paddedToPowerOfTwo<T>(values: readonly T[]): T[] {
  const out = [...values];
  const last = out[out.length - 1];
  if (last === undefined) return out;
  let size = 1;
  while (size < out.length) size *= 2;
  while (out.length < size) out.push(last);
  return out;
}

/**
 * `values` in chunks of at most `max` (a power of two) whose sizes are powers of two: 100 rows with
 * max 64 are 64 + 32 + 4. Order is kept.
 */
export function powerOfTwoChunks<T>(values: readonly T[], max = 64): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  while (at < values.length) {
    let size = max;
    while (size > values.length - at) size /= 2;
    chunks.push(values.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Distinct `keys` for IN-lists of at most `max`, each padded to a power of two. */
export function inLists(keys: Iterable<string>, max = 512): string[][] {
  const distinct = [...new Set(keys)];
  const lists: string[][] = [];
  for (let i = 0; i < distinct.length; i += max) lists.push(paddedToPowerOfTwo(distinct.slice(i, i + max)));
  return lists;
}
