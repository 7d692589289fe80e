import type { ZodApp } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CentralDatabase } from '../db/central-database.js';
import { describe } from '../http/openapi.js';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
}

const query = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

export async function readAuditLog(db: Kysely<CentralDatabase>, limit: number): Promise<AuditEntry[]> {
  const [attempts, overrides, signOffs, configs] = await Promise.all([
    db
      .selectFrom('posting_attempts')
      .select(['at', 'actor', 'outcome', 'charge_id', 'note'])
      .where('actor', 'is not', null)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('room_charges')
      .select(['created_at', 'override_json', 'id', 'room_number'])
      .where('override_json', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
    db.selectFrom('reconciliation_signoffs').selectAll().orderBy('id', 'desc').limit(limit).execute(),
    db
      .selectFrom('pms_config_versions')
      .select(['created_at', 'created_by', 'section', 'id'])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const entries: AuditEntry[] = [
    ...attempts.map((a) => ({
      at: a.at,
      actor: a.actor ?? '',
      action: a.outcome,
      subject: `charge ${a.charge_id}`,
      detail: a.note,
    })),
    ...overrides.map((o) => {
      const override = JSON.parse(o.override_json ?? '{}') as { by?: string; reason?: string };
      return {
        at: o.created_at,
        actor: override.by ?? '',
        action: 'credit-override',
        subject: `charge ${o.id} (room ${o.room_number})`,
        detail: override.reason ?? null,
      };
    }),
    ...signOffs.map((s) => ({
      at: s.signed_at,
      actor: s.signed_by,
      action: 'night-audit-sign-off',
      subject: `business day ${s.business_date}`,
      detail: `variance ${s.variance_minor}, ${s.exceptions} exception(s)${s.reason ? `: ${s.reason}` : ''}`,
    })),
    ...configs.map((c) => ({
      at: c.created_at,
      actor: c.created_by,
      action: 'config-change',
      subject: `${c.section} config version ${c.id}`,
      detail: null,
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

export function registerAuditLogRoutes(app: ZodApp, deps: { db: Kysely<CentralDatabase> }): void {
  app.get(
    '/api/audit-log',
    describe('Who did what: retries, withdrawals, voids, overrides, sign-offs, config changes', ['audit'], {
      querystring: query,
    }),
    async (req) => ({ entries: await readAuditLog(deps.db, req.query.limit) }),
  );
}
