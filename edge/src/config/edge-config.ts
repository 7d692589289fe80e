import { parseConfig, readConfigFile } from '@roompost/sync';
import { z } from 'zod';

const segment = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" only');
const port = z.number().int().min(0).max(65535);
const cardUid = z.string().regex(/^[0-9A-F]{8,20}$/, 'an upper-case hex card UID');

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
        mode: z.enum(['self-service', 'staff']),
        currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
        locale: z.string().min(2),
        timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as America/New_York'),
        tipPercentPresets: z.array(z.number().int().min(0).max(100)).max(6).default([10, 15, 20]),
      })
      .strict(),
    central: z
      .object({
        mqttUrl: z.string().regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL'),
        username: z.string().min(1),
        password: z.string().min(16),
      })
      .strict(),
    http: z.object({ host: z.string().min(1), port }).strict(),
    lookup: z
      .object({
        /** How long a verified guest may be charged without asking central again (offline stand-in). */
        verificationTtlSeconds: z.number().int().min(30).max(3600),
        rpcTimeoutMs: z.number().int().min(200).max(30_000),
      })
      .strict()
      .default({ verificationTtlSeconds: 300, rpcTimeoutMs: 3000 }),
    devices: z
      .object({
        reader: z.discriminatedUnion('kind', [
          z
            .object({
              kind: z.literal('simulated'),
              cards: z.array(z.object({ uid: cardUid, label: z.string().min(1) }).strict()).default([]),
            })
            .strict(),
        ]),
        printer: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('simulated'), file: z.string().min(1) }).strict(),
        ]),
      })
      .strict(),
  })
  .strict();

export type EdgeConfig = z.infer<typeof edgeConfigSchema>;

export const loadEdgeConfig = (file: string): EdgeConfig => readConfigFile(file, edgeConfigSchema);
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
