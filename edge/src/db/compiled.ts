import { QueryTemplate } from '@roompost/folio';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from './edge-database.js';

/**
 * Statements of the charge path, built and compiled once per database (QueryTemplate) instead of
 * once per charge. One charge at a time, kysely's building and compiling of each query ran in code V8
 * had not optimized yet and was most of the edge's own CPU on the guest's path (docs/performance.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: templates of any arguments and rows, typed by `compiled`
type AnyTemplate = QueryTemplate<any, any>;
const byDb = new WeakMap<object, Map<string, AnyTemplate>>();

/** The template `name` of `db`, built by `make` the first time it is asked for. */
export function compiled<A extends object, R>(
  db: Kysely<EdgeDatabase>,
  name: string,
  make: () => QueryTemplate<A, R>,
): QueryTemplate<A, R> {
  let templates = byDb.get(db);
  if (!templates) {
    templates = new Map();
    byDb.set(db, templates);
  }
  let template = templates.get(name);
  if (!template) {
    template = make();
    templates.set(name, template);
  }
  return template as QueryTemplate<A, R>;
}

type Table = keyof EdgeDatabase & string;

/**
 * Inserts `row` into `table` with an INSERT compiled once per table and set of columns (a column
 * whose value is `undefined` is left out, as kysely's `values` leaves it out). `db` may be a
 * transaction; `root` is the database the template is kept for.
 */
export async function insertRow<T extends Table>(
  root: Kysely<EdgeDatabase>,
  db: Kysely<EdgeDatabase>,
  table: T,
  row: object,
): Promise<void> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values).filter((k) => values[k] !== undefined);
  const template = compiled<Record<string, unknown>, unknown>(
    root,
    `insert ${table} (${columns.join(',')})`,
    () =>
      new QueryTemplate(columns, (args) =>
        // biome-ignore lint/suspicious/noExplicitAny: the columns are those of `row`, checked by the caller's type
        root.insertInto(table).values(args as any),
      ),
  );
  await template.execute(db, values);
}
