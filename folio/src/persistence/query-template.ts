import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/**
 * A kysely query built and compiled once, then run many times with other values: for the few
 * statements on the charge road that run once per charge (building and compiling a kysely query cost
 * about a quarter of central's CPU there). The query is written in plain kysely, so it compiles for
 * whichever dialect `db` has (SQLite or PostgreSQL); with the statement cache under SQLite the
 * statement is prepared once too.
 *
 * The query is built with a marker value in place of each named argument; the compiled parameters
 * are then mapped back to the names. Every argument must reach the query as a bound value (not
 * decide its shape: an `undefined` that kysely would leave out, an IN-list whose length varies).
 */
export class QueryTemplate<A extends object, R> {
  readonly #compiled: CompiledQuery<R>;
  readonly #slots: ReadonlyArray<{ key: keyof A & string } | { value: unknown }>;

  /** `build` makes the query from a database of the dialect it will run on; `keys` names every argument. */
  constructor(keys: ReadonlyArray<keyof A & string>, build: (args: A) => Compilable<R>) {
    const markers = Object.fromEntries(keys.map((k) => [k, `\u0000arg:${k}\u0000`])) as A;
    const byMarker = new Map<unknown, keyof A & string>(keys.map((k) => [markers[k], k]));
    this.#compiled = build(markers).compile();
    this.#slots = this.#compiled.parameters.map((p) => {
      const key = byMarker.get(p);
      return key === undefined ? { value: p } : { key };
    });
    const bound = new Set(this.#slots.flatMap((s) => ('key' in s ? [s.key] : [])));
    const missing = keys.filter((k) => !bound.has(k));
    if (missing.length > 0) throw new Error(`query template: ${missing.join(', ')} not bound as values`);
  }

  /** Runs on `db` (the database the template was built from, or a transaction of it). */
  // biome-ignore lint/suspicious/noExplicitAny: any database of the dialect it was compiled for
  execute(db: Kysely<any>, args: A): Promise<QueryResult<R>> {
    const parameters = this.#slots.map((s) => ('key' in s ? (args[s.key] ?? null) : s.value));
    return db.executeQuery<R>({ ...this.#compiled, parameters });
  }
}
