// What central runs for its outlets over MQTT: the posting pipeline and its retry queue, the charge
// inbox and its admission, voids, room lookups (with guest profiles and the roster that watches
// them), the item master, outlet staff and their proofs, and the RPC server that answers devices.
import type { FolioDatabase, FolioService } from '@roompost/folio';
import {
  type CatalogVersionMessage,
  ChargeInbox,
  type Logger,
  RpcServer,
  type ServiceMqttClient,
  type StopStack,
  topicFor,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import { CatalogService } from '../catalog/catalog-service.js';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { DeviceDirectory } from '../devices/device-directory.js';
import type { createCentralMetrics } from '../metrics/central-metrics.js';
import { toErrorBody } from '../mqtt/error-body.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { withGuestProfiles } from '../pms/guest-profile-sync.js';
import type { PmsSettings } from '../pms/pms-settings.js';
import type { liveRetryPolicy } from '../pms/retry-options.js';
import type { Reconciliation } from '../reconciliation/start-reconciliation.js';
import { withRosterObserver } from '../roster/observed-lookups.js';
import { folioInHouseRooms } from '../roster/roster.repository.js';
import { RosterService } from '../roster/roster-service.js';
import { staffClaimCheck } from '../staff/staff-claim-check.js';
import { staffProofSigner } from '../staff/staff-proof.js';
import { StaffRoster } from '../staff/staff-roster.js';
import { VoidService } from '../voids/void-service.js';
import { admissionPolicy } from './admission-policy.js';
import { CHARGE_CHECKS, ChargeAdmission } from './charge-admission.js';
import { chargeIntake } from './charge-intake.js';
import { GuestNameFill } from './guest-name-fill.js';
import { outletRpcHandler } from './outlet-rpc.js';
import { PmsHealthPublisher } from './pms-health-publisher.js';
import { PostingPipeline } from './posting-pipeline.js';
import { StatusResender } from './status-resender.js';

export interface OutletServicesDeps {
  config: CentralConfig;
  db: Kysely<CentralDatabase>;
  /** `db` on reads that need not wait for the disk (the lookup throttle's count). */
  unsyncedReads?: Kysely<CentralDatabase>;
  folio: FolioService;
  adapter: PmsAdapter;
  settings: PmsSettings;
  retry: ReturnType<typeof liveRetryPolicy>;
  clock: Clock;
  logger: Logger;
  client: ServiceMqttClient;
  shareGroup: string | undefined;
  directory: DeviceDirectory;
  metrics: ReturnType<typeof createCentralMetrics>;
  reconciliation: Reconciliation;
  secretKey: Buffer;
  isLeader: () => boolean;
  /** Several workers on PostgreSQL: charges are claimed before posting. */
  claims: { worker: string; leaseMs: number } | undefined;
  retryPollMs: number | undefined;
  statusResendMs: number | undefined;
  onceConnected(what: string, start: () => Promise<void>): Promise<void>;
  stack: StopStack;
}

export async function startOutletServices(d: OutletServicesDeps) {
  const { config, db, adapter, settings, clock, logger, client, shareGroup, directory, stack } = d;
  const outletContext = {
    describeOutlet: (code: string) => settings.outlet(code)?.postingDescription ?? code,
    requestExtras: (code: string) => ({
      outletPmsCodes: settings.outlet(code)?.pmsCodes,
      posting: settings.posting,
    }),
  };
  const pollMs = d.retryPollMs === undefined ? {} : { pollMs: d.retryPollMs };
  let inbox: ChargeInbox | undefined;
  let roster: RosterService | undefined;
  const pmsHealth = new PmsHealthPublisher({
    client,
    property: config.property,
    now: () => clock.now(),
    logger,
    devices: () => directory.active(),
  });
  const pipeline = new PostingPipeline({
    onPmsHealth: (trouble) => pmsHealth.report(trouble),
    onReceived: (source, row) => {
      d.metrics.chargeReceived(source);
      roster?.chargesChanged(row.stay_ref);
    },
    onAttempt: (outcome) => d.metrics.postingAttempt(outcome),
    db,
    adapter,
    clock,
    logger,
    retry: d.retry,
    ...outletContext,
    holdOutlet: (code) => settings.outlet(code)?.autoPost === false,
    refuseOutlet: (code) =>
      settings.outlet(code)?.allowedForRoomCharge === false
        ? { code: 'OUTLET_NOT_ALLOWED', message: `outlet ${code} may not charge to rooms` }
        : null,
    notify: async (device, status, row) => {
      roster?.chargesChanged(row.stay_ref);
      return inbox?.publishStatus(device, status);
    },
    answered: (row) => roster?.chargesChanged(row.stay_ref),
    ...pollMs,
    ...(d.claims ? { claims: d.claims } : {}),
    isLeader: d.isLeader,
  });
  // Room lookups (outlets over RPC, the HTTP API) carry the guest profile when profile sync is on.
  const profiled = withGuestProfiles(adapter, {
    db,
    clock,
    logger,
    options: () => settings.guestProfiles,
  });
  roster = new RosterService({
    db,
    lookups: adapter,
    clock,
    logger,
    inHouseRooms: () => folioInHouseRooms(db as unknown as Kysely<FolioDatabase>),
    devices: () => directory.active(),
    publish: async (device, kind, payload, retain) => {
      await client.publishAsync(topicFor(kind, config.property, device), payload, { qos: 1, retain });
    },
  });
  // The folio's guest name per stay, from the lookups central answers, for self-service charges.
  const guestNames = new GuestNameFill({ db, adapter, logger });
  const lookups = withRosterObserver(profiled, roster, logger, (lookup) => guestNames.seen(lookup));
  const voids = new VoidService({
    db,
    adapter,
    clock,
    logger,
    retry: d.retry,
    ...outletContext,
    notify: async (device, status) => inbox?.publishStatus(device, status),
    ...pollMs,
  });
  const staff = new StaffRoster({ db, clock, pinLength: config.auth?.staffPinLength ?? 6 });
  const signer = staffProofSigner(d.secretKey);
  const staffSignInOf = (code: string) =>
    settings.outlet(code)?.staffSignIn ?? config.auth?.staffSignIn ?? 'pin';
  // A new catalog version, retained on each of the outlet's devices' `catalog-version` topic.
  const notifyCatalog = async (outlet: string, version: number) => {
    const message: CatalogVersionMessage = { v: 1, outletCode: outlet, version };
    for (const id of await directory.ofOutlet(outlet)) {
      await client
        .publishAsync(topicFor('catalogVersion', config.property, id), JSON.stringify(message), {
          qos: 1,
          retain: true,
        })
        .catch((err: unknown) => logger.warn({ err, device: id }, 'catalog version not published'));
    }
  };
  const catalog = new CatalogService({
    db,
    clock,
    outletExists: (code) => settings.outlet(code) !== undefined,
    currency: async () => (await d.folio.getProperty())?.currency ?? null,
    onChanged: (outlet, version) => void notifyCatalog(outlet, version),
  });
  const admission = new ChargeAdmission(
    {
      clock,
      policy: admissionPolicy(config.admission),
      pricedItems: (outlet, version) => catalog.pricedItems(outlet, version),
      deliveryChargeMinor: (outlet) => settings.outlet(outlet)?.deliveryChargeMinor,
    },
    // Overrides, custom prices and a named employee: central checks the staff proof itself.
    [
      ...CHARGE_CHECKS,
      staffClaimCheck({
        signer,
        roster: staff,
        signInOf: async (device) => staffSignInOf((await directory.outletOf(device)) ?? ''),
      }),
    ],
  );
  stack.push(() => guestNames.idle());
  const started = new ChargeInbox({
    client,
    property: config.property,
    ...(shareGroup ? { shareGroup } : {}),
    logger,
    handler: chargeIntake({ db, pipeline, admission, directory, clock, logger, guestNames }),
  });
  inbox = started;
  await d.onceConnected('charge inbox', () => started.start());
  stack.push(async () => started.stop());
  // Final statuses go out again until the edge acknowledges them (on its reconnect, and every minute).
  const resender = new StatusResender({
    client,
    property: config.property,
    shareGroup,
    db,
    clock,
    logger,
    statusesOf: (rows) => voids.statusesOf(rows),
    publish: async (device, status) => inbox?.publishStatus(device, status),
    isLeader: d.isLeader,
    ...(d.statusResendMs === undefined ? {} : { intervalMs: d.statusResendMs, graceMs: 0 }),
  });
  await d.onceConnected('status re-sender', () => resender.start());
  stack.push(() => resender.stop());
  await d.onceConnected('reconciliation', () => d.reconciliation.start(client, config.property, shareGroup));
  stack.push(() => d.reconciliation.stop());
  const rpc = new RpcServer({
    client,
    property: config.property,
    ...(shareGroup ? { shareGroup } : {}),
    logger,
    toErrorBody: (err) => toErrorBody(err, logger),
    handler: outletRpcHandler({
      adapter: lookups,
      pipeline,
      db,
      unsyncedReads: d.unsyncedReads ?? db,
      clock,
      voids,
      catalog,
      outletOf: (device) => directory.outletOf(device),
      staff: {
        roster: staff,
        signer,
        isStaffOutlet: (code) => settings.outlet(code)?.mode === 'staff',
        signInOf: staffSignInOf,
      },
    }),
  });
  await d.onceConnected('rpc server', () => rpc.start());
  stack.push(async () => rpc.stop());
  roster.start();
  stack.push(() => roster.stop());
  pipeline.start();
  stack.push(() => pipeline.stop());
  voids.start();
  stack.push(() => voids.stop());
  return { pipeline, admission, lookups, roster, voids, staff, catalog };
}
