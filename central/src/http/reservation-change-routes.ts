import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { type FolioRoutesDeps, idParams, isoDate } from './folio-http.js';
import { describe } from './openapi.js';

const changeBody = z
  .object({
    arrival: isoDate.optional(),
    departure: isoDate.optional(),
    roomNumber: z.string().trim().min(1).max(20).optional(),
    ratePlanCode: z.string().trim().min(1).max(16).optional(),
    adults: z.number().int().min(1).max(20).optional(),
    children: z.number().int().min(0).max(20).optional(),
    extraBeds: z.number().int().min(0).max(10).optional(),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export function registerReservationChangeRoutes(app: ZodApp, { folio }: FolioRoutesDeps): void {
  const tags = ['folio: reservations'];
  app.post(
    '/api/folio/reservations/:id/change-preview',
    describe('What a change of dates, room, rate plan or guests would cost; writes nothing', tags, {
      params: idParams,
      body: changeBody,
    }),
    async (req) => {
      const { id } = req.params;
      const body = req.body;
      return folio.previewReservationChange({ ...body, reservationId: id, by: actorOf(req) });
    },
  );
  app.post(
    '/api/folio/reservations/:id/change',
    describe('Change dates, room, rate plan or guests before check-in; the nights are priced again', tags, {
      params: idParams,
      body: changeBody,
    }),
    async (req) => {
      const { id } = req.params;
      const body = req.body;
      return folio.changeReservation({ ...body, reservationId: id, by: actorOf(req) });
    },
  );
}
