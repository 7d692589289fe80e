// A device's configuration is two files side by side (docs/installation.md):
//   edge.json        the device's settings, IT's to edit: mode, locale, reader, printer, GPIO, pole
//                    display, receipt options, staff list… Enrollment writes it only when it does
//                    not exist yet, and never touches it again.
//   enrollment.json  who the device is and how it reaches central: property, device, broker URL,
//                    MQTT secret, the pinned property CA (`central-ca.pem`), the outlet's code,
//                    name, currency and time zone, the property's GSTIN (India). Written by
//                    `roompost-edge enroll` and `roompost-edge rotate-credentials`, only.
// The loader joins them: enrollment.json's identity and `central` win over whatever edge.json says
// about them (an edge.json from before the split still works and its old secret is ignored);
// everything else comes from edge.json. The joined config is validated as one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@roompost/sync';
import { z } from 'zod';

export const ENROLLMENT_FILE = 'enrollment.json';
export const CA_FILE = 'central-ca.pem';

export const enrollmentSchema = z
  .object({
    version: z.literal(1),
    /** Central's HTTPS address the device enrolled at: rotation goes there again. */
    centralUrl: z.url(),
    enrolledAt: z.string().min(1),
    property: z.string().min(1),
    device: z.string().min(1),
    central: z
      .object({
        mqttUrl: z.string().min(1),
        username: z.string().min(1),
        password: z.string().min(1),
        caFile: z.string().min(1).optional(),
      })
      .strict(),
    outlet: z
      .object({
        code: z.string().min(1),
        name: z.string().min(1),
        propertyName: z.string().min(1),
        currency: z.string().min(1),
        timeZone: z.string().min(1),
        /** The property's GSTIN as central holds it (India); the edge schema checks its form. */
        gstin: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

export type Enrollment = z.infer<typeof enrollmentSchema>;

/** The enrollment file of a settings file: its `enrollment` key, else `enrollment.json` beside it. */
export function enrollmentFileOf(configFile: string, settings: Record<string, unknown> | null): string {
  const named = typeof settings?.enrollment === 'string' ? settings.enrollment : ENROLLMENT_FILE;
  return isAbsolute(named) ? named : resolve(dirname(resolve(configFile)), named);
}

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? err}`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not JSON: ${(err as Error).message}`]);
  }
}

export function readEnrollment(file: string): Enrollment {
  const parsed = enrollmentSchema.safeParse(readJson(file));
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    file,
    parsed.error.issues.map(
      (i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`,
    ),
  );
}

/**
 * edge.json joined with its enrollment (when there is one): the raw object the edge schema then
 * validates. A relative `central.caFile` in enrollment.json is beside enrollment.json.
 */
export function joinEnrollment(configFile: string, settings: unknown): unknown {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return settings;
  const raw = settings as Record<string, unknown>;
  const file = enrollmentFileOf(configFile, raw);
  const { enrollment: named, ...rest } = raw;
  if (!existsSync(file)) {
    if (named !== undefined)
      throw new ConfigError(configFile, [`enrollment: ${file} does not exist (enroll first)`]);
    return rest;
  }
  return joinEnrollmentObject(rest, readEnrollment(file), dirname(file));
}

/** edge.json's settings (without `enrollment`) under an enrollment whose files are in `enrollmentDir`. */
export function joinEnrollmentObject(
  settings: Record<string, unknown>,
  e: Enrollment,
  enrollmentDir: string,
): Record<string, unknown> {
  const { enrollment: _named, ...rest } = settings;
  const caFile = e.central.caFile ? resolve(enrollmentDir, e.central.caFile) : undefined;
  const outlet = typeof rest.outlet === 'object' && rest.outlet !== null ? rest.outlet : {};
  return {
    ...rest,
    property: e.property,
    device: e.device,
    central: { ...e.central, ...(caFile ? { caFile } : {}) },
    // The outlet's name may be IT's own; what central decides (code, currency, zone) is central's.
    outlet: {
      name: e.outlet.name,
      ...outlet,
      code: e.outlet.code,
      propertyName: e.outlet.propertyName,
      currency: e.outlet.currency,
      timeZone: e.outlet.timeZone,
      // The property's GSTIN is central's too; edge.json's stands only where central gave none.
      ...(e.outlet.gstin ? { gstin: e.outlet.gstin } : {}),
    },
  };
}
