import { CentralError } from '../central-error.js';
// THE permission table of central's HTTP API: every /api route names the one permission it needs,
// and every role lists the permissions it has. The preHandler in auth-hook.ts enforces it; a route
// missing here is refused (and fails tests/integration/central/auth.test.ts), never let through.

/** Seed 000's staff roles, plus IT (devices, enrollment, fleet) and office (read-only fleet). */
export const USER_ROLES = ['server', 'front_desk', 'manager', 'admin', 'it', 'office'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PERMISSIONS = [
  'session', // who am I, sign out
  'rooms.read', // look up a room or a key card before charging
  'charges.post', // seed 000: charge to room
  'charges.override', // seed 000: override credit limit (checked on outlet charges' staff proofs)
  'postings.read', // the room-charge postings and their outcome
  'reconciliation.read', // seed 000: view reconciliation (the daily report and the posting queue)
  'postings.retry', // seed 000: retry failed postings
  'postings.void', // seed 000: void room charges (and withdraw a queued one)
  'pms.read', // PMS connection settings (secrets redacted) and outlet mapping
  'pms.configure', // seed 000: configure PMS
  'night-audit', // seed 000: night audit sign-off (run the audit for the business date)
  'night-audit.override', // run it although outlet charges are unposted (a manager, with a reason)
  'rules', // posting rules
  'reports.read', // reports
  'folio.read', // reservations, folios, invoices
  'folio.write', // reservations, check-in, postings, payments, deposits, invoices
  'folio.correct', // voids, adjustments, transfers, credit notes on folios
  'folio.setup', // rate plans, deposit policies, invoice settings
  'property.configure', // admin: the property's name, time zone, business date and tax identity
  'devices.manage', // register, revoke, rotate outlet devices
  'fleet.read', // fleet health
  'users.manage', // create and list users
  'catalog.read', // an outlet's item master (menu, prices, charge templates)
  'catalog.write', // replace an outlet's item master
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = ['session', 'rooms.read', 'charges.post', 'catalog.read'];
const FRONT_DESK: Permission[] = [
  ...STAFF,
  'charges.override',
  'postings.read',
  'folio.read',
  'folio.write',
  'night-audit',
];
const MANAGER: Permission[] = [
  ...FRONT_DESK,
  'reconciliation.read',
  'postings.retry',
  'postings.void',
  'pms.read',
  'night-audit.override',
  'rules',
  'reports.read',
  'folio.correct',
  'folio.setup',
  'fleet.read',
  'catalog.write',
];

export const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  server: new Set(STAFF),
  front_desk: new Set(FRONT_DESK),
  manager: new Set(MANAGER),
  admin: new Set([...PERMISSIONS]),
  it: new Set(['session', 'devices.manage', 'fleet.read']),
  office: new Set(['session', 'fleet.read', 'reports.read', 'reconciliation.read']),
};

/** Routes anyone may call: health, signing in, a device spending its enrollment token, the API doc. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'POST /api/auth/sign-in',
  'POST /api/enroll',
  'GET /api/enroll/ca',
  'GET /api/openapi.json',
]);

/** `METHOD /url-pattern` (as Fastify registers it) → the permission it requires. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  // sign-in (auth-routes.ts)
  'POST /api/auth/sign-out': 'session',
  'GET /api/auth/me': 'session',
  'GET /api/users': 'users.manage',
  'GET /api/staff': 'users.manage',
  'PUT /api/staff/:id': 'users.manage',
  'DELETE /api/staff/:id': 'users.manage',
  'POST /api/users': 'users.manage',
  // room charges and the PMS (pms-routes.ts, queue-routes.ts, pms-config-routes.ts)
  'GET /api/pms/rooms/:roomNumber': 'rooms.read',
  'GET /api/pms/rooms/:roomNumber/guest': 'rooms.read',
  'POST /api/pms/rooms/lookup': 'rooms.read',
  'POST /api/pms/post': 'charges.post',
  'GET /api/pms/postings': 'postings.read',
  'GET /api/pms/postings/:id': 'postings.read',
  'POST /api/pms/postings/:id/retry': 'postings.retry',
  'POST /api/pms/postings/:id/void': 'postings.void',
  'GET /api/pms/queue': 'reconciliation.read',
  'POST /api/pms/queue/process': 'postings.retry',
  'POST /api/pms/queue/:id/retry': 'postings.retry',
  'DELETE /api/pms/queue/:id': 'postings.void',
  'POST /api/pms/queue/:id/confirm-posted': 'postings.void',
  // daily reconciliation (reconciliation/reconciliation-routes.ts): seed 000 "View reconciliation",
  // and "Night audit sign-off" (a variance also needs night-audit.override, checked in the service)
  'GET /api/pms/reconciliation': 'reconciliation.read',
  'GET /api/pms/reconciliation/daily': 'reconciliation.read',
  'GET /api/pms/reconciliation/export': 'reconciliation.read',
  'POST /api/pms/reconciliation/run': 'reconciliation.read',
  'POST /api/pms/reconciliation/sign-off': 'night-audit',
  // the back office's audit log (audit/audit-log.ts): managers, admins and the office
  'GET /api/audit-log': 'reports.read',
  'GET /api/pms/config': 'pms.read',
  'PUT /api/pms/config': 'pms.configure',
  'POST /api/pms/test-connection': 'pms.configure',
  'GET /api/pms/outlets': 'pms.read',
  'PUT /api/pms/outlets': 'pms.configure',
  // night audit, rules, reports: `*` as the method is any method, a trailing `*` any rest of the path
  '* /api/night-audit*': 'night-audit',
  '* /api/rules*': 'rules',
  '* /api/reports/*': 'reports.read',
  // the front desk's reads (desk-routes.ts)
  'GET /api/desk/*': 'folio.read',
  // devices and fleet (device-routes.ts)
  'GET /api/devices': 'devices.manage',
  'POST /api/devices': 'devices.manage',
  'POST /api/devices/:id/rotate-credentials': 'devices.manage',
  'POST /api/devices/:id/revoke': 'devices.manage',
  'GET /api/fleet': 'fleet.read',
  'GET /api/fleet/:id': 'fleet.read',
  // outlet item master (catalog/catalog-routes.ts)
  'GET /api/outlets/:code/catalog': 'catalog.read',
  'PUT /api/outlets/:code/catalog': 'catalog.write',
  // the folio engine (reservation-, folio-, payment-, invoice-routes.ts)
  'GET /api/folio/room-types': 'folio.read',
  'POST /api/folio/room-types': 'folio.setup',
  'GET /api/folio/rooms': 'folio.read',
  'POST /api/folio/rooms': 'folio.setup',
  'POST /api/folio/rate-plans': 'folio.setup',
  'POST /api/folio/rate-plans/:code/rates': 'folio.setup',
  'POST /api/folio/deposit-policies': 'folio.setup',
  'GET /api/folio/invoice-settings': 'folio.read',
  'PUT /api/folio/invoice-settings': 'folio.setup',
  'GET /api/folio/property': 'folio.read',
  'PUT /api/folio/property': 'property.configure',
  'POST /api/folio/guests': 'folio.write',
  'PUT /api/folio/guests/:guestId/billing': 'folio.write',
  'POST /api/folio/reservations': 'folio.write',
  'GET /api/folio/reservations': 'folio.read',
  'GET /api/folio/reservations/:id': 'folio.read',
  'POST /api/folio/reservations/:id/transitions': 'folio.write',
  'POST /api/folio/reservations/:id/change-preview': 'folio.write',
  'POST /api/folio/reservations/:id/change': 'folio.write',
  'POST /api/folio/reservations/:id/check-in': 'folio.write',
  'POST /api/folio/reservations/:id/room-nights': 'folio.write',
  'POST /api/folio/reservations/:id/deposits': 'folio.write',
  'POST /api/folio/reservations/:id/checkout/prepare': 'folio.write',
  'POST /api/folio/reservations/:id/checkout': 'folio.write',
  'POST /api/folio/deposits/:id/capture': 'folio.write',
  'POST /api/folio/deposits/:id/release': 'folio.write',
  'POST /api/folio/deposits/:id/expire': 'folio.write',
  'POST /api/folio/deposits/:id/refund': 'folio.correct',
  'GET /api/folio/folios/:id': 'folio.read',
  'GET /api/folio/stays/:id/folios': 'folio.read',
  'POST /api/folio/stays/:id/windows': 'folio.write',
  'POST /api/folio/folios/:id/postings': 'folio.write',
  'POST /api/folio/folios/:id/posting-sets': 'folio.write',
  'POST /api/folio/postings/:id/void': 'folio.correct',
  'POST /api/folio/postings/:id/adjust': 'folio.correct',
  'POST /api/folio/postings/:id/transfer': 'folio.correct',
  'POST /api/folio/folios/:id/split': 'folio.write',
  'POST /api/folio/reservations/:id/promo-code': 'folio.write',
  'POST /api/folio/folios/:id/service-surcharges': 'folio.write',
  'POST /api/folio/folios/:id/manual-surcharges': 'folio.write',
  'POST /api/folio/folios/:id/payments': 'folio.write',
  'POST /api/folio/folios/:id/refunds': 'folio.correct',
  'POST /api/folio/taxes/preview': 'folio.read',
  'POST /api/folio/folios/:id/invoice-preview': 'folio.read',
  'POST /api/folio/folios/:id/invoices': 'folio.write',
  'GET /api/folio/invoices/:number': 'folio.read',
  'GET /api/folio/invoices/:number.html': 'folio.read',
  'GET /api/folio/invoices/:number.pdf': 'folio.read',
  'POST /api/folio/invoices/:number/email': 'folio.write',
  'POST /api/folio/invoices/:number/credit-note': 'folio.correct',
};

/** The permission a route needs: its exact `METHOD /url` entry, else the longest matching wildcard. */
export function permissionFor(method: string, url: string): Permission | undefined {
  const exact = ROUTE_PERMISSIONS[`${method} ${url}`];
  if (exact) return exact;
  let best: { length: number; permission: Permission } | undefined;
  for (const [key, permission] of Object.entries(ROUTE_PERMISSIONS)) {
    const [m = '', pattern = ''] = key.split(' ');
    if (!pattern.endsWith('*') || (m !== '*' && m !== method)) continue;
    const prefix = pattern.slice(0, -1);
    if (url.startsWith(prefix) && (!best || prefix.length > best.length))
      best = { length: prefix.length, permission };
  }
  return best?.permission;
}

export const isPublicRoute = (method: string, url: string) => PUBLIC_ROUTES.has(`${method} ${url}`);

export const roleMay = (role: UserRole, permission: Permission) => ROLE_PERMISSIONS[role].has(permission);

/** FORBIDDEN, naming the permission, unless `role` has it. */
export function assertRoleMay(role: UserRole, permission: Permission): void {
  if (!roleMay(role, permission)) {
    throw new CentralError('FORBIDDEN', `the ${role} role may not do this (needs ${permission})`, {
      context: { permission, role },
    });
  }
}
