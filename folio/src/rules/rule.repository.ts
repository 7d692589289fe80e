// SQL of the surcharge/discount rules (seed 003 §5.1), first parameter the database or a transaction.
import type { Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { PricingRuleTable } from './rule.table.js';
import type { PricingRule } from './rule-types.js';

type Db = Kysely<FolioDatabase>;

export function toRule(row: Selectable<PricingRuleTable>): PricingRule {
  const json = <T>(value: string | null): T | null => (value === null ? null : (JSON.parse(value) as T));
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    percent: row.percent,
    amountMinor: row.amount_minor,
    dateFrom: row.date_from,
    dateTo: row.date_to,
    holidays: json<string[]>(row.holidays_json),
    weekdays: json<number[]>(row.weekdays_json),
    roomTypeCodes: json<string[]>(row.room_types_json),
    quota: row.quota,
    serviceKind: row.service_kind,
    promoScope: row.promo_scope,
    active: row.active === 1,
  };
}

function toRow(rule: Omit<PricingRule, 'id'>) {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return {
    code: rule.code,
    kind: rule.kind,
    name: rule.name,
    percent: rule.percent,
    amount_minor: rule.amountMinor,
    date_from: rule.dateFrom,
    date_to: rule.dateTo,
    holidays_json: json(rule.holidays),
    weekdays_json: json(rule.weekdays),
    room_types_json: json(rule.roomTypeCodes),
    quota: rule.quota,
    service_kind: rule.serviceKind,
    promo_scope: rule.promoScope,
    active: rule.active ? 1 : 0,
  };
}

export async function loadRules(db: Db, activeOnly = false): Promise<PricingRule[]> {
  let query = db.selectFrom('pricing_rules').selectAll().orderBy('kind').orderBy('code');
  if (activeOnly) query = query.where('active', '=', 1);
  return (await query.execute()).map(toRule);
}

export async function findRule(db: Db, code: string): Promise<PricingRule | null> {
  const row = await db.selectFrom('pricing_rules').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toRule(row) : null;
}

export async function roomTypeCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('room_types').select('code').execute()).map((r) => r.code));
}

export async function insertRule(
  db: Db,
  rule: PricingRule,
  created: { at: string; by: string },
): Promise<void> {
  await db
    .insertInto('pricing_rules')
    .values({
      id: rule.id,
      ...toRow(rule),
      created_at: created.at,
      created_by: created.by,
      updated_at: null,
      updated_by: null,
    })
    .execute();
}

export async function updateRuleRow(
  db: Db,
  rule: PricingRule,
  updated: { at: string; by: string },
): Promise<void> {
  await db
    .updateTable('pricing_rules')
    .set({ ...toRow(rule), updated_at: updated.at, updated_by: updated.by })
    .where('id', '=', rule.id)
    .execute();
}

export async function deactivateRuleRow(
  db: Db,
  id: string,
  updated: { at: string; by: string },
): Promise<void> {
  await db
    .updateTable('pricing_rules')
    .set({ active: 0, updated_at: updated.at, updated_by: updated.by })
    .where('id', '=', id)
    .execute();
}
