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

type InsertSlot<Row> = { row: number; key: keyof Row & string } | { value: unknown };

/**
 * A multi-row INSERT compiled once per number of rows (QueryTemplate's marker values, one per row and
 * column), for batches cut by `powerOfTwoChunks`: building and compiling a kysely INSERT of a few
 * hundred values cost more than running it. `build` writes the INSERT in plain kysely for whichever
 * dialect `db` has. Rows that give other columns than `columns`, or `undefined` for one, are compiled
 * by kysely as they are (so a column left out still takes the database default).
 */
export class InsertTemplate<Row extends object, R = never> {
  readonly #columns: ReadonlyArray<keyof Row & string>;
  readonly #build: (rows: Row[]) => Compilable<R>;
  readonly #bySize = new Map<number, { compiled: CompiledQuery<R>; slots: Array<InsertSlot<Row>> }>();

  constructor(columns: ReadonlyArray<keyof Row & string>, build: (rows: Row[]) => Compilable<R>) {
    this.#columns = columns;
    this.#build = build;
  }

  /** Runs on `db` (the database `build` wrote on, or a transaction of it); `rows` is not empty. */
  // biome-ignore lint/suspicious/noExplicitAny: any database of the dialect it was compiled for
  execute(db: Kysely<any>, rows: readonly Row[]): Promise<QueryResult<R>> {
    if (!this.#fits(rows)) return db.executeQuery<R>(this.#build([...rows]).compile());
    const { compiled, slots } = this.#template(rows.length);
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as InsertSlot<Row>;
      parameters[i] = 'key' in slot ? (rows[slot.row] as Row)[slot.key] : slot.value;
    }
    return db.executeQuery<R>({ ...compiled, parameters });
  }

  /** Every row gives every column (and the first no other: rows of a batch are built alike). */
  #fits(rows: readonly Row[]): boolean {
    const first = rows[0];
    if (first === undefined || Object.keys(first).length !== this.#columns.length) return false;
    for (const row of rows) {
      for (const key of this.#columns) if (row[key] === undefined) return false;
    }
    return true;
  }

  #template(size: number) {
    let template = this.#bySize.get(size);
    if (template) return template;
    const byMarker = new Map<unknown, { row: number; key: keyof Row & string }>();
    const rows = Array.from({ length: size }, (_, row) => {
      const marked: Record<string, string> = {};
      for (const key of this.#columns) {
        marked[key] = `\u0000row:${row}:${key}\u0000`;
        byMarker.set(marked[key], { row, key });
      }
      return marked as Row;
    });
    const compiled = this.#build(rows).compile();
    const slots = compiled.parameters.map((p): InsertSlot<Row> => byMarker.get(p) ?? { value: p });
    if (slots.filter((s) => 'key' in s).length !== size * this.#columns.length) {
      throw new Error('insert template: not every column of every row is bound as a value');
    }
    template = { compiled, slots };
    this.#bySize.set(size, template);
    return template;
  }
}
