import { emailRelaySchema, parseConfig, readConfigFile, STAFF_SIGN_IN } from '@roompost/sync';
import { z } from 'zod';
import { PASSWORD_HASH_PATTERN } from '../auth/password-hash.js';
import { DEVICE_MODES } from '../devices/device.table.js';
import { outletsConfig } from '../pms/outlet-config.js';
import { pmsConfigSchema } from '../pms/pms-config.js';
import { guestProfileOptions, postingOptions } from '../pms/posting-options.js';
import { DEFAULT_RETRY_OPTIONS, retryOptions } from '../pms/retry-options.js';
import { admissionConfig } from '../postings/admission-policy.js';

const segment = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" only');
const port = z.number().int().min(0).max(65535);

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'a postgres://user:password@host:port/database URL');

const databaseObject = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('sqlite'), file: z.string().min(1) }).strict(),
    z
      .object({
        kind: z.literal('postgres'),
        url: postgresUrl,
        /** Connections this worker keeps open (default 10). */
        poolSize: z.number().int().min(2).max(100).optional(),
      })
      .strict(),
  ],
  { error: 'must be "sqlite" or "postgres"' },
);

/** A SQLite file path (the default), `{ kind: "sqlite", file }` or `{ kind: "postgres", url }`. */
export const databaseConfig = z.union([z.string().min(1), databaseObject], {
  error: 'a SQLite file path, { "kind": "sqlite", "file" } or { "kind": "postgres", "url" }',
});

export type DatabaseConfig = z.infer<typeof databaseConfig>;

export const centralConfigSchema = z
  .object({
    version: z.literal(1),
    property: segment,
    /**
     * Where central and the built-in folio engine keep their data: a SQLite file (a path; relative paths are
     * under the data dir), or `{ kind: "postgres", url }` for PostgreSQL, which several workers share.
     */
    database: databaseConfig,
    /** This process among several central workers on one PostgreSQL database (docs/postgres.md). */
    worker: z
      .object({
        /** Unique per worker: its MQTT client id is `central-{property}-{id}`, its name in logs and locks. */
        id: segment,
        /** How long a claim on a charge holds before another worker may take it over (default 120). */
        claimSeconds: z.number().int().min(1).max(3600).optional(),
      })
      .strict()
      .optional(),
    http: z
      .object({
        host: z.string().min(1),
        port,
        /**
         * HTTPS: `{ names }` for a certificate of the property CA valid for `host` and these names
         * (re-issued at every start, tls/property-ca.ts), or the hotel's own `{ certFile, keyFile }`
         * (PEM, absolute paths). Absent: plain HTTP, for loopback only.
         */
        tls: z
          .union([
            z.object({ names: z.array(z.string().min(1)).max(20) }).strict(),
            z
              .object({
                certFile: z.string().startsWith('/', 'an absolute path'),
                keyFile: z.string().startsWith('/', 'an absolute path'),
              })
              .strict(),
          ])
          .optional(),
      })
      .strict(),
    mqtt: z
      .object({
        /** Run aedes in this process on host:port; omit to use an external broker at `url`. */
        embedded: z
          .object({
            host: z.string().min(1),
            port,
            /** Listen with TLS (mqtts://) under a server certificate of the property CA (tls/property-ca.ts). */
            tls: z.boolean().optional(),
            /** More host names/IPs for the server certificate, beyond `host` (the name devices dial). */
            tlsNames: z.array(z.string().min(1)).max(20).optional(),
            /** Largest MQTT packet a device may send (bytes); bigger ones close the connection. Default 1 MiB. */
            maxPacketBytes: z
              .number()
              .int()
              .min(16 * 1024)
              .max(256 * 1024 * 1024)
              .optional(),
          })
          .strict()
          .optional(),
        url: z
          .string()
          .regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL')
          .optional(),
        username: z.string().min(1),
        password: z.string().min(8, 'at least 8 characters'),
        /** The broker URL devices are given at enrollment, when they reach it by another address. */
        publicUrl: z
          .string()
          .regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL')
          .optional(),
        /** Central's MQTT client id; default `central-{property}`. Every worker on one broker needs its own. */
        clientId: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-" and "_" (1–64 characters)')
          .optional(),
        /**
         * External broker only: take charges, RPC requests and daily summaries through the shared
         * subscription `$share/roompost/…`, so several central workers split them (default true).
         */
        sharedSubscriptions: z.boolean().optional(),
      })
      .strict()
      .refine((m) => (m.embedded === undefined) !== (m.url === undefined), {
        message: 'set exactly one of mqtt.embedded or mqtt.url',
      })
      .refine((m) => !(m.embedded && m.sharedSubscriptions), {
        message:
          'mqtt.sharedSubscriptions needs an external broker (mqtt.url): the embedded one serves one central',
        path: ['sharedSubscriptions'],
      }),
    /**
     * The external broker's access control, driven by central (docs/scale-out.md): Mosquitto 2 with the
     * dynamic-security plugin. Central keeps its own account, a role per enrolled device, and removes
     * revoked devices. Omitted: the external broker's accounts are managed by hand.
     */
    broker: z
      .object({
        kind: z.literal('mosquitto'),
        /** A dynamic-security admin (`mosquitto_ctrl dynsec init`): used only on `$CONTROL/dynamic-security/v1`. */
        admin: z
          .object({
            username: z.string().min(1),
            password: z.string().min(8, 'at least 8 characters'),
            /** Client id of the admin connection; default `{mqtt client id}-admin`. */
            clientId: z
              .string()
              .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-" and "_" (1–64 characters)')
              .optional(),
          })
          .strict(),
        /** How long to wait for the broker to answer one command (ms); default 5000. */
        timeoutMs: z.number().int().min(100).max(60_000).optional(),
      })
      .strict()
      .optional(),
    /** Devices allowed on the broker until enrollment issues per-device credentials. */
    devices: z
      .array(
        z
          .object({
            id: segment,
            outletCode: z.string().min(1).max(16),
            /** The device's MQTT secret in clear; prefer `secretHash` (or enrollment) on the embedded broker. */
            secret: z.string().min(16).optional(),
            /** The secret's scrypt hash (`npm run -s hash-device-secret`): central.json then holds no secret. */
            secretHash: z
              .string()
              .regex(
                /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/,
                'a scrypt hash from hash-device-secret',
              )
              .optional(),
            /** A guest self-service kiosk (default) or a staff terminal; central checks charges by it. */
            mode: z.enum(DEVICE_MODES).optional(),
          })
          .strict()
          .refine((d) => (d.secret === undefined) !== (d.secretHash === undefined), {
            message: 'set exactly one of secret or secretHash',
            path: ['secretHash'],
          }),
      )
      .default([]),
    pms: pmsConfigSchema,
    outlets: outletsConfig,
    /** Seed 000 `hotel_pms.posting`: tip as its own line or combined; itemized or summarized. */
    posting: postingOptions.optional(),
    /** Seed 000 `guest_profile_sync`. */
    guestProfiles: guestProfileOptions.optional(),
    /** Sign-in to the HTTP API (docs/central-api.md). */
    auth: z
      .object({
        sessionHours: z.number().positive().max(720).optional(),
        /** Shortest new outlet staff PIN (`PUT /api/staff/{id}`); default 6. */
        staffPinLength: z.number().int().min(4).max(12).optional(),
        /** How outlet staff sign in, property-wide: `pin` (default) or `pin+badge`; an outlet's `staffSignIn` overrides it. */
        staffSignIn: z.enum(STAFF_SIGN_IN).optional(),
        /** Consecutive wrong passwords before a user name is locked, and for how many minutes. */
        lockout: z
          .object({
            maxFailures: z.number().int().min(1).max(100),
            lockMinutes: z.number().positive().max(1440),
          })
          .strict()
          .optional(),
        /** Wrong passwords from one client address (any user names) before it is locked; default 20 / 15. */
        clientLockout: z
          .object({
            maxFailures: z.number().int().min(1).max(1000),
            lockMinutes: z.number().positive().max(1440),
          })
          .strict()
          .optional(),
        /** The first admin, created at start when no user of that name exists (hash: `npm run hash-password`). */
        bootstrapAdmin: z
          .object({
            username: z
              .string()
              .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, ".", "_", "-"'),
            passwordHash: z
              .string()
              .regex(PASSWORD_HASH_PATTERN, 'a scrypt hash from `npm run hash-password`'),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Prometheus scraping: the SHA-256 (hex) of the bearer token `/metrics` asks for; absent: closed. */
    metrics: z
      .object({ tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the scrape token') })
      .strict()
      .optional(),
    /** Bounds central puts on every charge it admits (maximum per currency, clock skew window). */
    admission: admissionConfig.optional(),
    /** Seed 000 `hotel_pms.retry`; `PUT /api/pms/config` may replace it at run time. */
    retry: retryOptions.default(DEFAULT_RETRY_OPTIONS),
    /** Seed 000 `hotel_pms.reconciliation`; omitted: on, at 03:00 local time, alert on variance. */
    reconciliation: z
      .object({
        autoReconcile: z.boolean(),
        reconcileTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
        alertOnVariance: z.boolean(),
        /** How often the automatic run looks at the clock (seconds); 0 disables the timer. */
        pollSeconds: z.number().int().min(0).max(3600).optional(),
      })
      .strict()
      .optional(),
    /** Night audit and the scheduled jobs; omitted: audit by hand, jobs every minute. */
    nightAudit: z
      .object({
        /** "HH:MM" in the property's time zone to run night audit automatically; omitted or null: manual only. */
        autoTime: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
          .nullable()
          .optional(),
        /** Rate plan that prices walk-in stays (no reservation); default: the only rate plan, if there is one. */
        walkInRatePlan: z.string().min(1).max(32).optional(),
        /** How often the scheduled jobs look at the clock; 0 disables the timer. */
        pollSeconds: z.number().int().min(0).max(3600).optional(),
      })
      .strict()
      .optional(),
    /** The property's SMTP relay for e-mailing invoices (docs/taxes-and-invoices.md); omitted: no e-mail. */
    emailRelay: emailRelaySchema.optional(),
  })
  .strict()
  .refine((c) => !(c.broker && c.devices.some((d) => d.secretHash !== undefined)), {
    message:
      'an external broker (broker) needs each configured device’s secret to create its account, not secretHash',
    path: ['devices'],
  })
  .refine((c) => !(c.broker && c.mqtt.embedded), {
    message: 'broker (an external Mosquitto) needs mqtt.url, not mqtt.embedded',
    path: ['broker'],
  })
  .refine((c) => !(c.broker && c.broker.admin.username === c.mqtt.username), {
    message: "broker.admin must be another account than central's own mqtt.username",
    path: ['broker', 'admin', 'username'],
  });

export type CentralConfig = z.infer<typeof centralConfigSchema>;

export const loadCentralConfig = (file: string): CentralConfig => readConfigFile(file, centralConfigSchema);
export const parseCentralConfig = (json: unknown): CentralConfig =>
  parseConfig('central config', json, centralConfigSchema);
