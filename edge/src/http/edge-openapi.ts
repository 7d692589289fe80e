import type { OpenApiDocument } from '@roompost/sync';

/** The edge's OpenAPI document (docs/edge-api.md has the access rules and the flows in prose). */
export const EDGE_OPENAPI: OpenApiDocument = {
  title: 'roompost edge',
  description:
    "An outlet's kiosk API: catalog, quotes, room lookups, checks and charges, staff sign-in, voids and " +
    'withdrawals, receipts, devices. Amounts are integer minor units. A staff outlet takes a staff ' +
    "session's bearer token; a self-service screen its pairing token (cookie or header).",
  path: '/api/openapi.json',
  securitySchemes: { staff: { type: 'http', scheme: 'bearer' } },
};
