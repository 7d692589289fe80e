import type { ZodApp } from '@roompost/sync';
import { chargeFields, refineChargeTotals } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CentralError } from '../central-error.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';
import type { ChargeAdmission } from '../postings/charge-admission.js';
import type { PostingPipeline } from '../postings/posting-pipeline.js';
import { postingView } from '../postings/posting-view.js';
import { findCharge, listAttempts, listCharges } from '../postings/room-charge.repository.js';
import { findVoidOf, voidedAmong } from '../voids/charge-void.repository.js';
import { voidView } from '../voids/void-service.js';
import { describe } from './openapi.js';

const roomParams = z.object({ roomNumber: z.string().trim().min(1).max(20) });
const idParams = z.object({ id: z.uuid('a charge id (UUID)') });
const cardBody = z.object({ uid: z.string().regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID') }).strict();
const listQuery = z
  .object({
    status: z.enum(['received', 'queued', 'held', 'posted', 'rejected', 'failed', 'withdrawn']).optional(),
    outlet: z.string().max(16).optional(),
    room: z.string().max(20).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** A POS posting straight over HTTP (seed 000 `POST /api/pms/post`); `chargeId` is its idempotency key. */
const postBody = chargeFields
  .extend({
    stayRef: z.string().min(1).nullable().default(null),
    guestName: z.string().nullable().default(null),
    employeeId: z.string().max(64).nullable().default(null),
    createdAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine(refineChargeTotals);

export interface PmsRoutesDeps {
  db: Kysely<CentralDatabase>;
  adapter: PmsAdapter;
  pipeline: PostingPipeline;
  /** Central's checks of a new charge (charge-admission.ts). */
  admission?: ChargeAdmission;
  now: () => Date;
}

/** Seed 000's `/api/pms/*` endpoints: room lookup, posting, and the postings list. */
export function registerPmsRoutes(app: ZodApp, deps: PmsRoutesDeps): void {
  app.get(
    '/api/pms/rooms/:roomNumber',
    describe('Look up a room and its in-house guest', ['pms'], { params: roomParams }),
    async (req) => {
      const { roomNumber } = req.params;
      return deps.adapter.lookupRoom(roomNumber);
    },
  );

  app.get(
    '/api/pms/rooms/:roomNumber/guest',
    describe('The guest of a room', ['pms'], { params: roomParams }),
    async (req) => {
      const { roomNumber } = req.params;
      const room = await deps.adapter.lookupRoom(roomNumber);
      return { roomNumber: room.roomNumber, guest: room.guest, reservation: room.reservation };
    },
  );

  app.post(
    '/api/pms/rooms/lookup',
    describe('Look up a guest by key card', ['pms'], { body: cardBody }),
    async (req) => {
      const { uid } = req.body;
      return deps.adapter.lookupCredential(uid.toUpperCase());
    },
  );

  app.post(
    '/api/pms/post',
    describe('Post a room charge (idempotent on chargeId)', ['pms'], { body: postBody }),
    async (req, reply) => {
      const body = req.body;
      const createdAt = body.createdAt ?? deps.now().toISOString();
      if (deps.admission && !(await findCharge(deps.db, body.chargeId))) {
        const refusal = await deps.admission.admit(
          { ...body, createdAt },
          { kind: 'http', actor: req.user?.username ?? 'http' },
        );
        if (refusal) {
          const field = (refusal.context as { field?: string } | undefined)?.field;
          throw new CentralError(refusal.code, refusal.message, {
            ...(field ? { field } : {}),
            ...(refusal.context ? { context: refusal.context } : {}),
          });
        }
      }
      const received = await deps.pipeline.receive({ ...body, createdAt }, 'http', 'http');
      if (received.status.error?.code === 'IDEMPOTENCY_CONFLICT') {
        throw new CentralError('IDEMPOTENCY_CONFLICT', received.status.error.message, { field: 'chargeId' });
      }
      if (received.status.error?.code === 'OUTLET_NOT_ALLOWED') {
        throw new CentralError('OUTLET_NOT_ALLOWED', received.status.error.message, { field: 'outletCode' });
      }
      const row = await deps.pipeline.post(body.chargeId);
      const view = postingView(row);
      if (row.posting_status === 'rejected') {
        throw new CentralError(
          (row.error_code as CentralError['code'] | null) ?? 'POSTING_REJECTED',
          row.error_message ?? 'PMS rejected the posting',
          { context: { chargeId: row.id } },
        );
      }
      return reply.status(received.isNew ? 201 : 200).send(view);
    },
  );

  app.get(
    '/api/pms/postings',
    describe('Room charges and where they stand', ['pms'], { querystring: listQuery }),
    async (req) => {
      const q = req.query;
      const rows = await listCharges(deps.db, {
        status: q.status,
        outletCode: q.outlet,
        roomNumber: q.room,
        limit: q.limit,
      });
      const voided = await voidedAmong(
        deps.db,
        rows.map((r) => r.id),
      );
      return {
        postings: rows.map((r) => ({
          ...postingView(r),
          ...(voided.has(r.id) ? { status: 'voided' as const } : {}),
        })),
      };
    },
  );

  app.get(
    '/api/pms/postings/:id',
    describe('One room charge with its attempt log', ['pms'], { params: idParams }),
    async (req) => {
      const { id } = req.params;
      const row = await findCharge(deps.db, id);
      if (!row) throw new CentralError('NOT_FOUND', `no posting ${id}`);
      const voided = await findVoidOf(deps.db, id);
      return {
        ...postingView(row),
        ...(voided?.status === 'voided' ? { status: 'voided' as const } : {}),
        void: voided ? voidView(voided) : null,
        attemptLog: await listAttempts(deps.db, id),
      };
    },
  );
}
