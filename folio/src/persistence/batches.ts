// Bulk reads and writes that stay friendly to the statement cache (`statement-cache.ts`): a query's
// SQL text depends on how many values it binds, so an IN-list is padded to a power of two and a
// multi-row INSERT is cut into power-of-two chunks. A batch of any size then uses a handful of
// distinct statements per table instead of one per size. A long list of ids (a day's charges) goes as
// one parameter instead (`inIdList`).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { dialectOf } from './dialect.js';

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

/**
 * `ref IN ids` with the whole list as one parameter: a JSON array read by json_each on SQLite, a text
 * array (`= any($1::text[])`) on PostgreSQL. One statement for any number of ids, one SQL text for the
 * statement cache, and nothing for kysely to build per id (an IN-list of 900 values is 900 nodes to
 * build and compile). For the long lists of a day's report; short lists keep `inLists`.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database; only its dialect is read.
export function inIdList(db: Kysely<any>, ref: string, ids: readonly string[]): RawBuilder<boolean> {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(ref)} = any(${[...ids]}::text[])`
    : sql<boolean>`${sql.ref(ref)} in (select value from json_each(${JSON.stringify(ids)}))`;
}
