import { z } from 'zod';
import { type AdmissionPolicy, DEFAULT_ADMISSION_POLICY } from './charge-admission.js';

const maxMinor = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** central.json `admission`: bounds central puts on every charge (docs/central-api.md "Admission"). */
export const admissionConfig = z
  .object({
    /** Largest total of one charge per ISO currency (`{ "USD": 500000 }`); `default` for the others. */
    maxChargeMinor: z
      .record(z.string().regex(/^([A-Z]{3}|default)$/, 'an ISO 4217 code or "default"'), maxMinor)
      .optional(),
    maxFutureSkewMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
    maxAgeHours: z
      .number()
      .int()
      .min(1)
      .max(90 * 24)
      .optional(),
  })
  .strict();
export type AdmissionConfig = z.infer<typeof admissionConfig>;

export function admissionPolicy(config: AdmissionConfig | undefined): AdmissionPolicy {
  const d = DEFAULT_ADMISSION_POLICY;
  return {
    maxChargeMinor: { ...d.maxChargeMinor, ...config?.maxChargeMinor },
    maxFutureSkewMinutes: config?.maxFutureSkewMinutes ?? d.maxFutureSkewMinutes,
    maxAgeHours: config?.maxAgeHours ?? d.maxAgeHours,
  };
}
