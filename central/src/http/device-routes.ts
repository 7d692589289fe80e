import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import type { DeviceRow } from '../devices/device.repository.js';
import { DEVICE_MODES } from '../devices/device.table.js';
import type { DeviceService } from '../devices/device-service.js';
import type { FleetMonitor } from '../fleet/fleet-monitor.js';
import { certificateFingerprint } from '../tls/property-ca.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

const createBody = z
  .object({
    outlet: z.string().min(1).max(16),
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" (1–64)'),
    /** A guest self-service kiosk (default) or a staff terminal; central checks charges by it. */
    mode: z.enum(DEVICE_MODES).default('self-service'),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
  })
  .strict();
const idParams = z.object({ id: z.string().min(1).max(64) });
const fleetQuery = z.object({ outlet: z.string().max(16).optional() }).strict();
const rotateBody = z
  .object({
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
  })
  .strict();
const enrollBody = z
  .object({
    token: z.string().min(10).max(200),
    /** Accepted from devices enrolled before it was dropped (docs/provisioning.md); not used. */
    publicKey: z
      .string()
      .regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, 'a PEM public key')
      .optional(),
    /** A rotation: the device that expects this token; a token of another device is refused unspent. */
    device: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" (1–64)')
      .optional(),
  })
  .strict();

/** What a device learns at enrollment: who it is, where the broker is, its secret and its outlet. */
export interface EnrollmentBundle {
  property: string;
  device: string;
  mqtt: { url: string; username: string; password: string; caCertificate: string | null };
  /** `mode`: what central admits from this device (registered by IT), which its edge.json should say too. */
  outlet: { code: string; name: string; mode: DeviceRow['mode'] };
  /** `gstin`: the property's GSTIN (India, printed on outlet receipts); null where it has none. */
  hotel: { name: string; currency: string; timeZone: string; gstin: string | null } | null;
}

export interface DeviceRoutesDeps {
  devices: DeviceService;
  fleet: FleetMonitor;
  /** The property CA certificate (PEM), which a device pins before it enrolls; null without TLS. */
  propertyCa: string | null;
  bundle: (device: DeviceRow, secret: string) => Promise<EnrollmentBundle>;
}

const view = (d: DeviceRow) => ({
  id: d.id,
  outletCode: d.outlet_code,
  mode: d.mode,
  status: d.status,
  createdAt: d.created_at,
  createdBy: d.created_by,
  enrolledAt: d.enrolled_at,
  revokedAt: d.revoked_at,
  revokedBy: d.revoked_by,
});

/** Device registry for IT, the enrollment endpoint devices call, and the fleet. */
export function registerDeviceRoutes(app: ZodApp, deps: DeviceRoutesDeps): void {
  app.get('/api/devices', describe('Registered devices', ['devices']), async () => ({
    devices: (await deps.devices.list()).map(view),
  }));

  app.post(
    '/api/devices',
    describe('Register a device; answers a one-time enrollment token', ['devices'], { body: createBody }),
    async (req, reply) => {
      const actor = actorOf(req);
      const body = req.body;
      const issued = await deps.devices.create({
        id: body.name,
        outletCode: body.outlet,
        mode: body.mode,
        actor,
        ttlMinutes: body.ttlMinutes,
      });
      return reply
        .status(201)
        .send({ device: view(issued.device), token: issued.token, expiresAt: issued.expiresAt });
    },
  );

  app.post(
    '/api/devices/:id/rotate-credentials',
    describe('Issue a new enrollment token for a device', ['devices'], {
      params: idParams,
      body: rotateBody,
    }),
    async (req) => {
      const actor = actorOf(req);
      const { id } = req.params;
      const { ttlMinutes } = req.body;
      const issued = await deps.devices.rotate(id, actor, ttlMinutes);
      return { device: view(issued.device), token: issued.token, expiresAt: issued.expiresAt };
    },
  );

  app.post(
    '/api/devices/:id/revoke',
    describe('Revoke a device: refused and disconnected at once', ['devices'], { params: idParams }),
    async (req) => {
      const actor = actorOf(req);
      const { id } = req.params;
      return view(await deps.devices.revoke(id, actor));
    },
  );

  app.post(
    '/api/enroll',
    describe('A device spends its token for its credentials', ['devices'], { body: enrollBody }),
    async (req) => {
      const { token, publicKey, device: expected } = req.body;
      const { device, secret } = await deps.devices.enroll(token, publicKey ?? null, expected);
      return deps.bundle(device, secret);
    },
  );

  app.get(
    '/api/enroll/ca',
    describe('The property CA certificate and its SHA-256 fingerprint, which devices pin', ['devices']),
    async () => ({
      caCertificate: deps.propertyCa,
      fingerprint: deps.propertyCa ? certificateFingerprint(deps.propertyCa) : null,
    }),
  );

  app.get(
    '/api/fleet',
    describe('Every device with its health colour', ['fleet'], { querystring: fleetQuery }),
    async (req) => {
      const { outlet } = req.query;
      const rows = await deps.fleet.fleet();
      return { devices: outlet ? rows.filter((r) => r.outletCode === outlet) : rows };
    },
  );

  app.get(
    '/api/fleet/:id',
    describe('One device: latest status and recent history', ['fleet'], { params: idParams }),
    async (req) => {
      const { id } = req.params;
      const row = (await deps.fleet.fleet()).find((r) => r.device === id);
      return { device: row ?? null, history: await deps.fleet.history(id, 50) };
    },
  );
}
