// The front desk's reads over HTTP (docs/front-desk.md): the day's board, the setup a booking form picks
// from, the early-departure fee before it is posted, and night audit's pre-checks. Writes go through
// the folio routes, so every permission of docs/central-api.md still applies.
import type { FrontDesk } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { idParams, isoDate } from './folio-http.js';
import { describe } from './openapi.js';

export interface DeskRoutesDeps {
  desk: FrontDesk;
  /** The outlets that post room charges: their item masters are the desk's charge templates. */
  outlets: () => ReadonlyArray<{ code: string; name: string }>;
  /** Outlet room charges of the business date not yet on a folio (night audit refuses to run over them). */
  pendingPosCharges: () => Promise<number>;
}

const boardQuery = z.object({ date: isoDate.optional() }).strict();

export function registerDeskRoutes(app: ZodApp, { desk, outlets, pendingPosCharges }: DeskRoutesDeps) {
  const tags = ['front desk'];
  app.get(
    '/api/desk/board',
    describe('Arrivals, guests in house, departures and room status for the business date', tags, {
      querystring: boardQuery,
    }),
    async (req) => desk.deskBoard(req.query.date),
  );
  app.get(
    '/api/desk/setup',
    describe('Room types, rooms, rate plans, deposit policies, outlets', tags),
    async () => ({
      ...(await desk.deskSetup()),
      outlets: outlets().map((o) => ({ code: o.code, name: o.name })),
    }),
  );
  app.get(
    '/api/desk/reservations/:id/early-departure',
    describe('The nights an early checkout today would release and its fee; writes nothing', tags, {
      params: idParams,
    }),
    async (req) => desk.earlyDeparturePreview(req.params.id),
  );
  app.get(
    '/api/desk/reservations/:id/guest',
    describe('The guest of a reservation: name, e-mail, phone', tags, { params: idParams }),
    async (req) => desk.reservationGuest(req.params.id),
  );
  app.get(
    '/api/desk/night-audit/checks',
    describe(
      "Night audit's pre-checks: unposted outlet charges, arrivals still due, departures not out",
      tags,
    ),
    async () => {
      const board = await desk.deskBoard();
      return {
        businessDate: board.businessDate,
        pendingPosCharges: await pendingPosCharges(),
        arrivalsNotCheckedIn: board.arrivals.filter((r) => r.status !== 'CheckedIn'),
        departuresNotCheckedOut: board.departures.filter(
          (r) => r.status === 'CheckedIn' || r.status === 'InHouse',
        ),
      };
    },
  );
}
