import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { UserSessionTable, UserTable } from './user.table.js';

type Db = Kysely<CentralDatabase>;
export type UserRow = Selectable<UserTable>;

export function findUser(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['username', 'role', 'created_at', 'created_by'])
    .orderBy('username')
    .execute();
}

/** Inserts a user unless the name is taken; answers whether it was inserted. */
export async function insertUser(db: Db, row: UserTable): Promise<boolean> {
  const result = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function insertSession(db: Db, row: UserSessionTable) {
  return db.insertInto('user_sessions').values(row).execute();
}

export function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('user_sessions')
    .innerJoin('users', 'users.username', 'user_sessions.username')
    .select(['user_sessions.username', 'user_sessions.expires_at', 'users.role'])
    .where('user_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function deleteSession(db: Db, tokenHash: string) {
  return db.deleteFrom('user_sessions').where('token_hash', '=', tokenHash).execute();
}

export function deleteExpiredSessions(db: Db, now: string) {
  return db.deleteFrom('user_sessions').where('expires_at', '<=', now).execute();
}
