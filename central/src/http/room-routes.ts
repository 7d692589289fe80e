import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import type { FolioRoutesDeps } from './folio-http.js';
import { describe } from './openapi.js';

const roomTypeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/, 'letters, digits, "-" or "_" (at most 16), such as DLX');
const roomNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/-]{0,19}$/, 'letters, digits, "-" or "/" (at most 20), such as 412');

const roomTypeBody = z
  .object({
    code: roomTypeCode,
    name: z.string().trim().min(1).max(80),
    baseOccupancy: z.number().int().min(1).max(20).default(2).describe('guests the base rate covers'),
  })
  .strict();
const roomsBody = z
  .object({
    roomTypeCode,
    numbers: z.array(roomNumber).min(1).max(500).describe('added all together or none'),
  })
  .strict();

export function registerRoomRoutes(app: ZodApp, { folio }: FolioRoutesDeps): void {
  const tags = ['folio: rooms'];
  app.get('/api/folio/room-types', describe("The property's room types", tags), async () => ({
    roomTypes: await folio.listRoomTypes(),
  }));
  app.post(
    '/api/folio/room-types',
    describe('Add a room type (ALREADY_EXISTS when the code is taken)', tags, { body: roomTypeBody }),
    async (req, reply) => {
      actorOf(req);
      const body = req.body;
      await folio.createRoomType(body);
      return reply.status(201).send({ code: body.code, name: body.name, baseOccupancy: body.baseOccupancy });
    },
  );
  app.get('/api/folio/rooms', describe("The property's rooms with their room type", tags), async () => ({
    rooms: await folio.listRooms(),
  }));
  app.post(
    '/api/folio/rooms',
    describe('Add rooms of one type, all or none (ALREADY_EXISTS lists numbers that are taken)', tags, {
      body: roomsBody,
    }),
    async (req, reply) => {
      actorOf(req);
      const body = req.body;
      return reply.status(201).send({ rooms: await folio.createRooms(body) });
    },
  );
}
