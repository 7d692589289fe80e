import type { SimulatedCardReader } from '@roompost/drivers';
import {
  type CatalogView,
  chargeIdParams,
  checkNumberHoldRequest,
  createCheckRequest,
  type HealthView,
  lookupRequest,
  type OutletView,
  quoteRequest,
  type ZodApp,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listCategories, listTemplates } from '../catalog/catalog.repository.js';
import type { ChargeService } from '../charges/charge-service.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import { EdgeError } from '../edge-error.js';
import type { KioskEventBus } from '../events/event-bus.js';
import type { LookupService } from '../lookup/lookup-service.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';
import { streamEvents } from './sse.js';

const tapBody = z
  .object({ uid: z.string().regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID (8–20 digits)') })
  .strict();
const chargesQuery = z.object({ date: z.literal('today', 'only "today"').optional() });

export interface KioskRoutesDeps {
  db: Kysely<EdgeDatabase>;
  outlet: OutletView;
  charges: ChargeService;
  lookups: LookupService;
  events: KioskEventBus;
  health: () => Promise<HealthView>;
  online: () => boolean;
  simulatedReader: SimulatedCardReader | null;
  /** Every device's health, sent when an event stream opens. */
  devices: DeviceStatusBoard;
  /** Staff mode: every guest-facing call needs a signed-in role that may charge to a room. */
  gate: StaffGate;
}

/** The kiosk's API (docs/edge-api.md). */
export function registerKioskRoutes(app: ZodApp, deps: KioskRoutesDeps): void {
  app.get('/api/health', deps.health);
  // A client that is neither the outlet's screen nor signed-in staff sees no simulated cards (they
  // carry guest names): the rest of the outlet view is what any menu board shows.
  app.get('/api/outlet', async (req) =>
    deps.gate.trusted(req) ? deps.outlet : { ...deps.outlet, simulatedCards: null },
  );

  app.get('/api/catalog', async (): Promise<CatalogView> => {
    const [categories, items, templates] = await Promise.all([
      listCategories(deps.db),
      deps.charges.catalogItems(),
      listTemplates(deps.db),
    ]);
    const sellable = new Set(items.map((i) => i.sku));
    return {
      currency: deps.outlet.currency,
      categories: categories.map((c) => ({ code: c.code, name: c.name })),
      items: items.map((i) => ({
        sku: i.sku,
        name: i.name,
        categoryCode: i.category_code,
        priceMinor: i.price_minor,
        taxRateLabel: `${i.tax_class} ${rateLabel(i.tax_rate)}`,
      })),
      // A template whose item was since switched off is not offered (its tap could not be charged).
      templates: templates.filter((t) => t.lines.every((l) => sellable.has(l.sku))),
    };
  });

  const { gate } = deps;
  // The outlet's own screen or a signed-in staff member who may charge, asked before validation.
  const client = (req: Parameters<StaffGate['client']>[0]) => gate.client(req, 'chargeToRoom');
  const clientFirst = accessFirst(client);
  const staffFirst = accessFirst((req) => gate.require(req, 'chargeToRoom'));
  app.post('/api/lookup', { schema: { body: lookupRequest }, ...clientFirst }, async (req) => {
    const { session, owner } = client(req);
    return deps.lookups.lookup(req.body, owner, session?.proof ?? null);
  });
  app.post('/api/checks/quote', { schema: { body: quoteRequest } }, async (req) =>
    deps.charges.quoteView(req.body),
  );
  app.post('/api/checks', { schema: { body: createCheckRequest }, ...clientFirst }, async (req, reply) => {
    const { session, owner } = client(req);
    const request = req.body;
    if (request.override) gate.require(req, 'overrideCreditLimit');
    if (!session && request.items.some((i) => 'custom' in i)) {
      throw new EdgeError('FORBIDDEN', 'custom charges are for staff outlets only');
    }
    // Signed-in staff are the employee on the charge; a self-service charge names none (central would
    // refuse it after the guest had seen "charged").
    if (!session && request.employeeId !== null) {
      throw new EdgeError('FORBIDDEN', 'a self-service charge names no employee', { field: 'employeeId' });
    }
    const staff = session ? { id: session.staff.id, proof: session.proof } : null;
    const { charge, created } = await deps.charges.createCheck(request, staff, owner);
    return reply.status(created ? 201 : 200).send(charge);
  });
  // Staff Room Found shows the check's number before Post: held for the kiosk's hold id, taken by
  // the check made with it, given back to the next check when Room Found is cancelled.
  app.post('/api/checks/number', { schema: { body: checkNumberHoldRequest }, ...staffFirst }, async (req) =>
    deps.charges.holdCheckNumber(req.body.holdId),
  );
  app.delete(
    '/api/checks/number/:holdId',
    { schema: { params: checkNumberHoldRequest }, ...staffFirst },
    async (req, reply) => {
      await deps.charges.releaseCheckNumber(req.params.holdId);
      return reply.status(204).send();
    },
  );
  app.get('/api/charges', { schema: { querystring: chargesQuery }, ...clientFirst }, async (req) => {
    const { date } = req.query;
    // ?date=today: the staff's void list, every charge of this outlet today (property time zone).
    if (date === 'today') return { charges: await deps.charges.today(500) };
    return { charges: await deps.charges.recent(50) };
  });
  // Staff only (receipt preview): the guest's signature as stored with the charge.
  app.get(
    '/api/charges/:id/signature.png',
    { schema: { params: chargeIdParams }, ...accessFirst((req) => gate.require(req, 'chargeToRoom')) },
    async (req, reply) => {
      const png = await deps.charges.signature(req.params.id);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    },
  );
  app.get('/api/charges/:id', { schema: { params: chargeIdParams }, ...clientFirst }, async (req) =>
    deps.charges.get(req.params.id),
  );

  // Card taps carry verification ids (and, in staff mode, full names): the outlet's screen or staff only.
  app.get('/api/events', (req, reply) => {
    gate.client(req, 'chargeToRoom');
    return streamEvents(
      req,
      reply,
      deps.events,
      { connection: { central: deps.online() ? 'online' : 'offline' } },
      deps.devices.snapshot(),
    );
  });

  const tapAccess = accessFirst((req) => {
    if (!deps.simulatedReader)
      throw new EdgeError('NOT_FOUND', 'the card reader of this outlet is not simulated');
    if (!gate.trusted(req)) client(req);
  });
  app.post('/api/dev/tap', { schema: { body: tapBody }, ...tapAccess }, async (req, reply) => {
    const { uid } = req.body;
    deps.simulatedReader?.tap(uid);
    return reply.status(202).send({ tapped: uid });
  });
}

const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 4 });

/** "0.08875" → "8.875%" for a label. Intl formats the decimal string exactly (no float). */
function rateLabel(rate: string): string {
  return PERCENT.format(rate as unknown as number);
}
