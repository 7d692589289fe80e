// Opens a PostgreSQL database for kysely (node-postgres pool), so central and the folio engine run on it
// with the same code and the same migrations as on SQLite. Three things make PostgreSQL answer like our
// SQLite files do; each is explained where it is done.
import { createRequire } from 'node:module';
import {
  ColumnDefinitionNode,
  CompiledQuery,
  type DatabaseConnection,
  DataTypeNode,
  GeneratedNode,
  Kysely,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { Pool, PoolConfig } from 'pg';

export interface PostgresStore<DB> {
  db: Kysely<DB>;
  pool: Pool;
  close(): Promise<void>;
}

export interface OpenPostgresOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Name shown in pg_stat_activity (default "roompost"). */
  applicationName?: string;
}

/**
 * The advisory lock every transaction takes first (see SerializedPostgresDriver). Any fixed 64-bit number:
 * the bytes of "roompost".
 */
export const TRANSACTION_LOCK_KEY = 0x726f6f6d706f7374n;

type PgModule = {
  Pool: new (config: PoolConfig) => Pool;
  types: { builtins: { INT8: number; NUMERIC: number } };
};

/**
 * A kysely over a node-postgres pool at `url` (postgres://user:password@host:port/database).
 * 1. Counts and sums come back as JavaScript numbers, not strings: int8 (count, sum of integers) and
 *    numeric (sum of int8) are parsed with Number. Money is integer minor units, far inside 2^53.
 * 2. `integer` columns are created as bigint, and `autoIncrement()` as an identity column (schema plugin).
 * 3. Every transaction takes one advisory lock first: transactions run one at a time across all workers,
 *    as SQLite's BEGIN IMMEDIATE makes them within one file. Our transactions read then write (idempotency
 *    check, balance, credit limit, invoice counter); under READ COMMITTED each statement after the lock sees
 *    every commit made before it, so a check never decides on a stale row. Statements outside a
 *    transaction (reads, single-row updates, `FOR UPDATE SKIP LOCKED` claims) are not held by it, nor are
 *    the transactions opened on `withoutTransactionLock(db)`: the few hot ones that never decide on a row
 *    they read (central storing a charge under its unique id, recording an attempt on a charge it
 *    claimed), or that take a narrower lock of their own first (`transactionLock`). Each worker's group
 *    commits would otherwise queue behind the other workers' for the one lock, round trips included.
 */
export function openPostgres<DB>(url: string, opts: OpenPostgresOptions = {}): PostgresStore<DB> {
  const pg = createRequire(import.meta.url)('pg') as PgModule;
  const { INT8, NUMERIC } = pg.types.builtins;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    application_name: opts.applicationName ?? 'roompost',
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
        return (pg.types as unknown as { getTypeParser(o: number, f?: string): unknown }).getTypeParser(
          oid,
          format,
        );
      }) as never,
    },
  });
  // An idle client that loses its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new SerializedPostgresDialect({ pool }),
    plugins: [new PostgresSchemaPlugin()],
  });
  // The same pool without the lock; never destroyed itself (that would end the pool twice).
  unlocked.set(
    db,
    new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresSchemaPlugin()] }),
  );
  return { db, pool, close: () => db.destroy() };
}

// biome-ignore lint/suspicious/noExplicitAny: any database type
const unlocked = new WeakMap<Kysely<any>, Kysely<any>>();

/**
 * `db` whose transactions do not take the one transaction lock every other transaction takes first
 * (see openPostgres, 3.). Only for writes that stay correct when other workers' transactions run at
 * the same time: row-level uniqueness and row locks decide, or the transaction takes `transactionLock`.
 * On SQLite (one process, one connection) it is `db` itself.
 */
export function withoutTransactionLock<DB>(db: Kysely<DB>): Kysely<DB> {
  return (unlocked.get(db) as Kysely<DB> | undefined) ?? db;
}

/**
 * Inside a transaction opened on `withoutTransactionLock(db)`: waits for, then holds until the end of
 * the transaction, PostgreSQL's advisory lock named `name`, so the transactions that name it run one
 * at a time across workers (and after one another's commits). Nothing on SQLite, where a transaction
 * already runs alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database type
export async function transactionLock(trx: Kysely<any>, name: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

class SerializedPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;

  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): PostgresDriver {
    return new SerializedPostgresDriver(this.#config);
  }
}

class SerializedPostgresDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: Parameters<PostgresDriver['beginTransaction']>[1],
  ): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(
      CompiledQuery.raw(`select pg_advisory_xact_lock(${TRANSACTION_LOCK_KEY.toString()})`),
    );
  }
}

/** `integer` → `bigint`; `integer primary key autoIncrement` → `bigint generated by default as identity`. */
class IntegerAsBigint extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node);
    if (!DataTypeNode.is(out.dataType) || out.dataType.dataType !== 'integer') return out;
    return ColumnDefinitionNode.cloneWith(
      { ...out, dataType: DataTypeNode.create('bigint') },
      out.autoIncrement
        ? { autoIncrement: false, generated: GeneratedNode.create({ byDefault: true, identity: true }) }
        : {},
    );
  }
}

class PostgresSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new IntegerAsBigint();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args;
    if (node.kind !== 'CreateTableNode' && node.kind !== 'AlterTableNode') return node;
    return this.#transformer.transformNode(node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
