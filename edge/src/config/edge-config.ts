import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { emailRelaySchema, parseConfig, STAFF_ROLES, STAFF_SIGN_IN } from '@roompost/sync';
import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../staff/pin-hash.js';
import { joinEnrollment, readJson } from './enrollment-file.js';

const segment = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" only');
const port = z.number().int().min(0).max(65535);
const gpioLine = z
  .object({ offset: z.number().int().min(0).max(1023), activeLow: z.boolean().default(false) })
  .strict();
const gpioInput = z
  .object({
    offset: z.number().int().min(0).max(1023),
    activeLow: z.boolean().default(false),
    bias: z.enum(['pull-up', 'pull-down', 'disable']).optional(),
    debounceMs: z.number().int().min(0).max(5000).default(20),
  })
  .strict();
const cardUid = z.string().regex(/^[0-9A-F]{8,20}$/, 'an upper-case hex card UID');

const staffList = z
  .array(
    z
      .object({
        id: segment,
        name: z.string().min(1).max(80),
        role: z.enum(STAFF_ROLES),
        pinHash: z.string().regex(PIN_HASH_PATTERN, 'a PIN hash from `npm run hash-pin`, never the PIN'),
        /** The staff badge's card UID hashed by `npm run hash-pin` (outlets that sign in with PIN and badge). */
        badgeHash: z.string().regex(PIN_HASH_PATTERN, 'a hash from `npm run hash-pin`').optional(),
      })
      .strict(),
  )
  .default([])
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'staff ids must be unique');

export const edgeConfigSchema = z
  .object({
    version: z.literal(1),
    property: segment,
    device: segment,
    /** SQLite file of this outlet; relative paths are under the data dir. */
    database: z.string().min(1),
    outlet: z
      .object({
        code: z.string().min(1).max(16),
        name: z.string().min(1),
        propertyName: z.string().min(1),
        /**
         * India: the property's GSTIN (CGST Rule 46). With it the outlet's receipts and screens show
         * the tax as CGST and SGST per rate (VAT for alcohol) and print the GSTIN under the name.
         */
        gstin: z
          .string()
          .regex(/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, 'a 15-character GSTIN such as 08AAKCA4521M1ZH')
          .optional(),
        mode: z.enum(['self-service', 'staff']),
        /**
         * Staff outlets: `pin`, or `pin+badge` (the PIN and the member's staff badge tapped on this
         * outlet's reader). Central's outlet setting applies too: the stricter of the two is enforced.
         */
        staffSignIn: z.enum(STAFF_SIGN_IN).optional(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
        locale: z.string().min(2),
        timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as America/New_York'),
        tipPercentPresets: z.array(z.number().int().min(0).max(100)).max(6).default([10, 15, 20]),
        /**
         * Seed 000 signature threshold: charges whose total (minor units) is at or above it show the
         * signature pad. Staff outlets always require it there; a self-service outlet only when
         * `required` (otherwise the guest may skip). Absent: no signature is asked for.
         */
        signature: z
          .object({
            thresholdMinor: z.number().int().safe().nonnegative(),
            required: z.boolean().default(false),
          })
          .strict()
          .optional(),
        /**
         * Seed 000 `delivery_charge` (in-room dining): a check marked "delivery to room" gets this
         * charge as its own line (sku DELIVERY), taxed at `taxRate` (a decimal string, default "0":
         * untaxed). The edge prices it; the kiosk only says yes or no. Absent: no delivery charge.
         */
        delivery: z
          .object({
            chargeMinor: z.number().int().safe().positive(),
            taxRate: z
              .string()
              .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'a decimal rate from "0" to "1", e.g. "0.05"')
              .optional(),
            name: z.string().min(1).max(40).optional(),
            /** The check's "delivery to room" toggle starts on (default true: an in-room dining outlet). */
            defaultOn: z.boolean().optional(),
          })
          .strict()
          .optional(),
        /**
         * What the guest may choose after a charge: print a copy, a QR code of the receipt, or an
         * e-mail request. 'email' is only offered when `emailRelay` is set (the property's SMTP
         * relay, which the edge sends the queued requests through). The receipt prints
         * automatically either way.
         */
        receiptOptions: z
          .array(z.enum(['print', 'qr', 'email']))
          .max(3)
          .optional(),
        /** The property's SMTP relay the edge sends e-mail receipts through (sync: email-relay-config.ts). */
        emailRelay: emailRelaySchema.optional(),
        /** The base URL guests' phones reach this edge at (QR receipts), e.g. http://10.0.0.5:8080. */
        publicUrl: z.url().optional(),
      })
      .strict(),
    central: z
      .object({
        mqttUrl: z.string().regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL'),
        username: z.string().min(1),
        password: z.string().min(16),
        /** The property CA (PEM file) an mqtts:// broker is verified with; relative to the config file. */
        caFile: z.string().min(1).optional(),
        /**
         * The broker's packet limit for this device (central's `mqtt.embedded.maxPacketBytes`, or
         * Mosquitto's `max_packet_size`); a daily summary larger than it goes in parts. Default 1 MiB.
         */
        maxPacketBytes: z.number().int().min(4_096).max(268_435_455).optional(),
      })
      .strict(),
    http: z.object({ host: z.string().min(1), port }).strict(),
    lookup: z
      .object({
        /** How long a lookup's verification id may be used to create a check. */
        verificationTtlSeconds: z.number().int().min(30).max(3600),
        rpcTimeoutMs: z.number().int().min(200).max(30_000),
      })
      .strict()
      .default({ verificationTtlSeconds: 300, rpcTimeoutMs: 3000 }),
    /**
     * The offline stand-in (DESIGN "Offline stand-in"; docs/running.md): while central or the PMS
     * is unreachable the outlet charges guests on its replicated roster, at most `floorLimits[currency]`
     * minor units per stay until the PMS has taken them. A currency without a limit: no charge offline.
     */
    offline: z
      .object({
        floorLimits: z
          .record(
            z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or INR'),
            z.number().int().safe().nonnegative(),
          )
          .default({}),
        /** A roster older than this (since it last came from central) is not stood in on. */
        maxRosterAgeMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(720),
      })
      .strict()
      .default({ floorLimits: {}, maxRosterAgeMinutes: 720 }),
    /** Who may sign in on this outlet (staff mode); PINs as `npm run hash-pin` prints them. */
    staff: staffList,
    devices: z
      .object({
        reader: z.discriminatedUnion('kind', [
          z
            .object({
              kind: z.literal('simulated'),
              cards: z.array(z.object({ uid: cardUid, label: z.string().min(1) }).strict()).default([]),
            })
            .strict(),
          z
            .object({
              kind: z.literal('pcsc'),
              /** First reader whose name contains this; default the first reader pcscd reports. */
              readerName: z.string().min(1).optional(),
              /** Wristbands with a credential in a data block. */
              dataBlock: z
                .object({ block: z.number().int().min(0).max(255), length: z.number().int().min(1).max(16) })
                .strict()
                .optional(),
              debounceMs: z.number().int().min(0).max(10_000).default(1500),
            })
            .strict(),
        ]),
        /** A customer-facing 2×20 pole display on a serial line. Absent: the outlet has none. */
        display: z
          .discriminatedUnion('kind', [
            z.object({ kind: z.literal('simulated') }).strict(),
            z
              .object({
                kind: z.literal('serial'),
                path: z.string().min(1),
                baudRate: z.number().int().positive().default(9600),
              })
              .strict(),
          ])
          .optional(),
        /** Relay, status light, buzzer and switches. Absent: the outlet has none. */
        gpio: z
          .object({
            kind: z.enum(['fake', 'sysfs', 'libgpiod']),
            /** The chip's label (`pinctrl-rp1` on a Pi 5, `pinctrl-bcm2711` on a Pi 4), never its number. */
            chip: z.string().min(1),
            /** libgpiod: folder of gpiodetect/gpioget/gpiomon; default PATH (outputs use python3-libgpiod). */
            binDir: z.string().min(1).optional(),
            /** Self-service: how long a guest's authorised tap unlocks the fridge (the door closing locks it at once). */
            relayPulseSeconds: z.number().int().min(1).max(120).default(10),
            outputs: z
              .object({
                relay: gpioLine.optional(),
                lightGreen: gpioLine.optional(),
                lightAmber: gpioLine.optional(),
                lightRed: gpioLine.optional(),
                buzzer: gpioLine.optional(),
              })
              .strict()
              .default({}),
            inputs: z
              .object({
                doorSensor: gpioInput.optional(),
                staffCall: gpioInput.optional(),
                tamper: gpioInput.optional(),
              })
              .strict()
              .default({}),
          })
          .strict()
          .optional(),
        printer: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('simulated'), file: z.string().min(1) }).strict(),
          z
            .object({
              kind: z.literal('escpos'),
              transport: z.discriminatedUnion('type', [
                z
                  .object({ type: z.literal('tcp'), host: z.string().min(1), port: port.default(9100) })
                  .strict(),
                z
                  .object({
                    type: z.literal('serial'),
                    path: z.string().min(1),
                    baudRate: z.number().int().positive().default(9600),
                  })
                  .strict(),
                z.object({ type: z.literal('device'), path: z.string().min(1) }).strict(),
              ]),
              cpl: z.number().int().min(24).max(64).default(42),
              command: z.enum(['escpos', 'epson']).default('escpos'),
              encoding: z.enum(['cp437', 'cp858', 'cp1252', 'multilingual']).default('cp858'),
              /** How often the edge asks the printer for its status (DLE EOT), for /api/health. */
              statusPollSeconds: z.number().int().min(5).max(3600).default(30),
              /**
               * Deadline of one status round trip (connect plus DLE EOT answer). A printer that
               * does not answer in time is `not-responding` and the receipt fails at once.
               */
              statusTimeoutMs: z.number().int().min(200).max(10_000).default(1000),
              /** `dle-eot` (default) asks the printer; `none` for an interface that never answers status. */
              status: z.enum(['dle-eot', 'none']).default('dle-eot'),
            })
            .strict(),
        ]),
      })
      .strict(),
  })
  .strict();

export type EdgeConfig = z.infer<typeof edgeConfigSchema>;

/**
 * The edge's config: `file` (edge.json, the device's settings) joined with the enrollment file beside
 * it (enrollment-file.ts), validated as one; every problem is listed.
 */
export const loadEdgeConfig = (file: string): EdgeConfig => {
  const config = parseConfig(file, joinEnrollment(file, readJson(file)), edgeConfigSchema);
  const { caFile } = config.central;
  // A relative CA file is beside the config file (where `roompost-edge enroll` writes it).
  return caFile && !isAbsolute(caFile)
    ? { ...config, central: { ...config.central, caFile: resolvePath(dirname(file), caFile) } }
    : config;
};
export const parseEdgeConfig = (json: unknown): EdgeConfig =>
  parseConfig('edge config', json, edgeConfigSchema);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
