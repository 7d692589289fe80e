import { parseConfig, readConfigFile } from '@roompost/sync';
import { z } from 'zod';
import { pmsConfigSchema } from '../pms/pms-config.js';

const segment = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_" only');
const port = z.number().int().min(0).max(65535);

export const centralConfigSchema = z
  .object({
    version: z.literal(1),
    property: segment,
    /** SQLite file of central and the built-in folio engine; relative paths are under the data dir. */
    database: z.string().min(1),
    http: z.object({ host: z.string().min(1), port }).strict(),
    mqtt: z
      .object({
        /** Run aedes in this process on host:port; omit to use an external broker at `url`. */
        embedded: z
          .object({ host: z.string().min(1), port })
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
      })
      .strict()
      .refine((m) => (m.embedded === undefined) !== (m.url === undefined), {
        message: 'set exactly one of mqtt.embedded or mqtt.url',
      }),
    /** Devices allowed on the broker until enrollment (issue #8) issues per-device credentials. */
    devices: z
      .array(
        z.object({ id: segment, outletCode: z.string().min(1).max(16), secret: z.string().min(16) }).strict(),
      )
      .default([]),
    pms: pmsConfigSchema,
    outlets: z
      .array(
        z
          .object({
            code: z.string().min(1).max(16),
            name: z.string().min(1),
            postingDescription: z.string().min(1),
            revenueCenter: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    retry: z
      .object({
        maxRetries: z.number().int().min(0).max(20),
        intervalMinutes: z.number().positive().max(1440),
        /** Double the wait after each failure (seed 000's fixed interval when false). */
        exponential: z.boolean().default(false),
      })
      .strict()
      .default({ maxRetries: 3, intervalMinutes: 5, exponential: false }),
  })
  .strict();

export type CentralConfig = z.infer<typeof centralConfigSchema>;

export const loadCentralConfig = (file: string): CentralConfig => readConfigFile(file, centralConfigSchema);
export const parseCentralConfig = (json: unknown): CentralConfig =>
  parseConfig('central config', json, centralConfigSchema);
