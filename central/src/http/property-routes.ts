// The property and its tax identity over HTTP: GET for anyone, PUT for an admin (attributed; permission
// `property.configure`). One record joins the property row and the invoice settings.
import { type FolioService, TAX_REGIMES } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

export interface PropertyRoutesDeps {
  folio: FolioService;
}

const propertyBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    currency: z.string().optional().describe('read-only: only the current currency is accepted'),
    timeZone: z.string().trim().min(1).max(64).optional().describe('IANA zone such as Asia/Kolkata'),
    businessDate: z
      .string()
      .optional()
      .describe('read-only: only the current one is accepted (night audit moves it)'),
    legalName: z.string().trim().min(1).max(200).optional(),
    address: z.string().trim().min(1).max(400).optional(),
    gstin: z.string().trim().length(15).nullable().optional(),
    stateCode: z
      .string()
      .regex(/^\d{2}$/, 'a two-digit GST state code such as "08"')
      .nullable()
      .optional(),
    regime: z.enum(TAX_REGIMES).optional(),
    specifiedPremises: z.boolean().optional().describe('India: restaurant at 18 % with ITC'),
    // What GET answers may be sent back as it is: its other read-only fields are dropped.
    updatedAt: z.unknown().optional().describe('read-only: ignored'),
    updatedBy: z.unknown().optional().describe('read-only: ignored'),
  })
  .strict()
  .transform(({ updatedAt: _at, updatedBy: _by, ...body }) => body);

export function registerPropertyRoutes(app: ZodApp, { folio }: PropertyRoutesDeps): void {
  const tags = ['folio: property'];
  app.get(
    '/api/folio/property',
    describe('The property: name, currency, time zone, business date and tax identity (GSTIN)', tags),
    async () => folio.getPropertyProfile(),
  );
  app.put(
    '/api/folio/property',
    describe('Change the property or its tax identity (admin); fields left out keep their value', tags, {
      body: propertyBody,
    }),
    async (req) => {
      const by = actorOf(req);
      return folio.updatePropertyProfile(req.body, by);
    },
  );
}
