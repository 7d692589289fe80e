// The PMS connection, posting options and outlets central runs with: central.json at first, then the
// newest version set over `PUT /api/pms/config` / `PUT /api/pms/outlets` (every version is kept in
// pms_config_versions). Credentials are sealed in the database and never shown: GET masks them as
// "***", and a PUT that sends "***" back keeps the stored credential.
import type { Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { type z, z as zod } from 'zod';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { isSealed, type SecretBox } from '../secrets/index.js';
import type { PmsAdapter } from './adapter.js';
import { type OutletConfig, outletsConfig } from './outlet-config.js';
import { type PmsConfig, pmsConfigSchema } from './pms-config.js';
import { insertVersion, latestVersion } from './pms-config.repository.js';
import {
  DEFAULT_GUEST_PROFILE_OPTIONS,
  DEFAULT_POSTING_OPTIONS,
  type GuestProfileOptions,
  guestProfileOptions,
  type PostingOptions,
  postingOptions,
} from './posting-options.js';
import { mapSecrets } from './redact-secrets.js';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions, retryOptions } from './retry-options.js';

export const SECRET_MASK = '***';

export const putPmsConfigBody = zod
  .object({
    pms: zod.record(zod.string(), zod.unknown()),
    posting: postingOptions.optional(),
    guestProfiles: guestProfileOptions.optional(),
    /** Omitted: the retry policy in force stays. */
    retry: retryOptions.optional(),
  })
  .strict();
export const putOutletsBody = zod.object({ outlets: zod.array(zod.unknown()) }).strict();

export interface PmsSettingsDeps {
  db: Kysely<CentralDatabase>;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  /** What central.json says; applies until a version is stored. */
  file: {
    pms: PmsConfig;
    outlets: OutletConfig[];
    posting?: PostingOptions | undefined;
    guestProfiles?: GuestProfileOptions | undefined;
    retry?: RetryOptions | undefined;
  };
}

interface PmsSection {
  /** The config as entered (credentials in clear, or `{ env }` / `{ file }` references). */
  raw: Record<string, unknown>;
  parsed: PmsConfig;
  posting: PostingOptions;
  guestProfiles: GuestProfileOptions;
  retry: RetryOptions;
  version: number | null;
}

export class PmsSettings {
  readonly #d: PmsSettingsDeps;
  #pms: PmsSection;
  #outlets: { list: OutletConfig[]; version: number | null };

  private constructor(
    deps: PmsSettingsDeps,
    pms: PmsSection,
    outlets: { list: OutletConfig[]; version: number | null },
  ) {
    this.#d = deps;
    this.#pms = pms;
    this.#outlets = outlets;
  }

  /** Reads the newest stored versions; a stored config that no longer validates stops central here. */
  static async load(deps: PmsSettingsDeps): Promise<PmsSettings> {
    const { db, box, file } = deps;
    let pms: PmsSection = {
      raw: file.pms as Record<string, unknown>,
      parsed: file.pms,
      posting: file.posting ?? DEFAULT_POSTING_OPTIONS,
      guestProfiles: file.guestProfiles ?? DEFAULT_GUEST_PROFILE_OPTIONS,
      retry: file.retry ?? DEFAULT_RETRY_OPTIONS,
      version: null,
    };
    const storedPms = await latestVersion(db, 'pms');
    if (storedPms) {
      const body = JSON.parse(storedPms.body_json) as {
        pms: Record<string, unknown>;
        posting: PostingOptions;
        guestProfiles: GuestProfileOptions;
        /** Absent in versions stored before the retry policy was settable: central.json's applies. */
        retry?: RetryOptions;
      };
      const raw = mapSecrets(body.pms, (v) =>
        typeof v === 'string' && isSealed(v) ? box.open(v) : v,
      ) as Record<string, unknown>;
      const parsed = pmsConfigSchema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(
          `stored PMS config version ${storedPms.id} is not valid: ${describeIssues(parsed.error, 'pms')}`,
        );
      }
      pms = {
        raw,
        parsed: parsed.data,
        posting: body.posting,
        guestProfiles: body.guestProfiles,
        retry: body.retry ?? pms.retry,
        version: storedPms.id,
      };
    }
    const storedOutlets = await latestVersion(db, 'outlets');
    const outlets = storedOutlets
      ? { list: outletsConfig.parse(JSON.parse(storedOutlets.body_json)), version: storedOutlets.id }
      : { list: file.outlets, version: null };
    return new PmsSettings(deps, pms, outlets);
  }

  get pms(): PmsConfig {
    return this.#pms.parsed;
  }
  get posting(): PostingOptions {
    return this.#pms.posting;
  }
  get guestProfiles(): GuestProfileOptions {
    return this.#pms.guestProfiles;
  }
  get retry(): RetryOptions {
    return this.#pms.retry;
  }
  get outlets(): readonly OutletConfig[] {
    return this.#outlets.list;
  }
  outlet(code: string): OutletConfig | undefined {
    return this.#outlets.list.find((o) => o.code === code);
  }

  /** `GET /api/pms/config`: credentials masked. */
  view() {
    return {
      pms: mapSecrets(this.#pms.raw, () => SECRET_MASK),
      posting: this.#pms.posting,
      guestProfiles: this.#pms.guestProfiles,
      retry: this.#pms.retry,
      version: this.#pms.version,
    };
  }

  outletsView() {
    return { outlets: this.#outlets.list, version: this.#outlets.version };
  }

  /**
   * Validates a new PMS config with central.json's own schema (the error names the field), builds
   * its adapter with `build`, then stores it as a new version. Nothing is stored when any step fails.
   */
  async putPms(
    body: unknown,
    actor: string,
    build: (config: PmsConfig) => PmsAdapter,
  ): Promise<{ adapter: PmsAdapter; version: number }> {
    const input = parseOrThrow(putPmsConfigBody, body, '');
    const previous = this.#pms.raw;
    const sameKind = previous.kind === input.pms.kind;
    const raw = mapSecrets(input.pms, (value, path) => {
      if (value !== SECRET_MASK) return value;
      const kept = sameKind ? valueAt(previous, path) : undefined;
      if (kept === undefined) {
        throw new CentralError(
          'VALIDATION_FAILED',
          `pms.${path.join('.')}: no stored credential to keep; send it`,
          {
            field: `pms.${path.join('.')}`,
          },
        );
      }
      return kept;
    }) as Record<string, unknown>;
    const parsed = parseOrThrow(pmsConfigSchema, raw, 'pms');
    const adapter = build(parsed);
    const sealed = mapSecrets(raw, (v) => (typeof v === 'string' ? this.#d.box.seal(v) : v));
    const posting = input.posting ?? this.#pms.posting;
    const guestProfiles = input.guestProfiles ?? this.#pms.guestProfiles;
    const retry = input.retry ?? this.#pms.retry;
    let version: number;
    try {
      version = await insertVersion(this.#d.db, {
        section: 'pms',
        body_json: JSON.stringify({ pms: sealed, posting, guestProfiles, retry }),
        created_at: this.#d.clock.now().toISOString(),
        created_by: actor,
      });
    } catch (err) {
      await adapter.close().catch(() => {});
      throw err;
    }
    this.#pms = { raw, parsed, posting, guestProfiles, retry, version };
    this.#d.logger.info({ kind: parsed.kind, version, by: actor }, 'PMS config changed');
    return { adapter, version };
  }

  async putOutlets(body: unknown, actor: string): Promise<number> {
    const { outlets } = parseOrThrow(putOutletsBody, body, '');
    const list = parseOrThrow(outletsConfig, outlets, 'outlets');
    const version = await insertVersion(this.#d.db, {
      section: 'outlets',
      body_json: JSON.stringify(list),
      created_at: this.#d.clock.now().toISOString(),
      created_by: actor,
    });
    this.#outlets = { list, version };
    this.#d.logger.info({ outlets: list.length, version, by: actor }, 'outlets changed');
    return version;
  }
}

function valueAt(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  // A body that is not even an object is the `body` field itself.
  const field = [prefix, ...(first?.path ?? []).map(String)].filter(Boolean).join('.') || 'body';
  throw new CentralError('VALIDATION_FAILED', describeIssues(parsed.error, prefix), { field });
}

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
