// FIAS (OPERA, protel, Infor… through Oracle IFC8) behind the PmsAdapter seam. Lookups are PR
// inquiries; postings are PR postings that always follow an inquiry (p.79: "Postings using (PR)
// must have a preceding inquiry"), to the G#/RN pair the PL returned, never to a room alone.
// FIAS has no way to read postings back, so there is no findPosting: an unknown outcome goes to a manager.
import { currencyExponent } from '@roompost/folio/money';
import type { Logger, RoomLookup } from '@roompost/sync';
import { type Clock, systemClock } from '../../clock.js';
import {
  type PmsAdapter,
  type PmsChargeRequest,
  PmsError,
  type PmsFeature,
  type PmsPostingResult,
} from '../adapter.js';
import { answerError } from './fias-answer-status.js';
import { FiasClient } from './fias-client.js';
import { cleanText, describe, type FiasRecord, field, record } from './fias-codec.js';
import type { FiasPmsConfig } from './fias-config.js';
import { checkTotal, moneyIn } from './fias-fields.js';
import { FiasLink } from './fias-link.js';
import {
  amountFields,
  type InquiryKey,
  inquiryRecord,
  LINK_RECORDS,
  type PlGuest,
  plGuests,
  postingRecord,
} from './fias-records.js';
import { parseStayRef, toRoomLookup } from './fias-room-lookup.js';
import { type ChannelFactory, serialChannelFactory, tcpChannelFactory } from './fias-transport.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set([
  'room_lookup',
  'key_card_lookup',
  'charge_posting',
  'void',
]);

export interface FiasAdapterDeps {
  logger: Logger;
  clock?: Clock;
  /** Overrides the transport the config names (tests, or a link through a proxy). */
  openChannel?: ChannelFactory;
}

export interface FiasAdapter extends PmsAdapter {
  readonly link: FiasLink;
  readonly client: FiasClient;
}

export function createFiasAdapter(config: FiasPmsConfig, deps: FiasAdapterDeps): FiasAdapter {
  const clock = deps.clock ?? systemClock;
  const { logger } = deps;
  const t = config.timeouts;
  const tr = config.transport;
  const openChannel =
    deps.openChannel ??
    (tr.type === 'tcp'
      ? tcpChannelFactory({ ...tr, connectTimeoutMs: t.connectMs }, config.encoding, logger)
      : serialChannelFactory({ ...tr, ackTimeoutMs: t.serialAckMs }, config.encoding, logger));
  const link = new FiasLink({
    openChannel,
    description: [
      ['V#', config.vendorVersion],
      ['IF', 'PO'],
    ],
    linkRecords: LINK_RECORDS,
    timers: {
      startupListenMs: t.startupListenMs,
      linkStartTimeoutMs: t.linkStartMs,
      aliveIntervalMs: t.aliveIntervalMs,
      aliveTimeoutMs: t.aliveTimeoutMs,
      reconnectInitialMs: t.reconnectInitialMs,
      reconnectMaxMs: t.reconnectMaxMs,
    },
    clock,
    timeZone: config.timeZone,
    logger,
  });
  const client = new FiasClient({ link, timeouts: t, clock, timeZone: config.timeZone, logger });
  client.onUnsolicited((rec) => logger.info({ record: describe(rec) }, 'fias: unsolicited record'));
  link.start();

  /** A PR inquiry; its PL's guest blocks ([] when the PMS answers NG). */
  const inquireGuests = async (key: InquiryKey): Promise<PlGuest[]> => {
    const answer = await client.request('inquiry', (seq) => inquiryRecord(key, config, clock.now(), seq));
    if (answer.type === 'PA') {
      const as = field(answer, 'AS');
      if (as === 'NG') return [];
      throw answerError(as, field(answer, 'CT'), 'inquiry', { key: key.by });
    }
    return plGuests(answer);
  };

  const inquire = async (key: InquiryKey): Promise<RoomLookup[]> =>
    (await inquireGuests(key)).map((g) => toRoomLookup(g, config));

  const lookupRoom = async (roomNumber: string): Promise<RoomLookup> => {
    if (roomNumber.length > 10)
      throw new PmsError('ROOM_NOT_FOUND', 'room number too long for PI', { retryable: false });
    const found = await inquire({ by: 'room', value: roomNumber });
    // PL can hold sharers (p.85); the first block is the room's primary guest.
    const first = found.find((r) => r.roomNumber === roomNumber) ?? found[0];
    if (!first)
      throw new PmsError('ROOM_NOT_FOUND', `room ${roomNumber} has no in-house guest`, { retryable: false });
    return first;
  };

  const post = async (charge: PmsChargeRequest, sign: 1 | -1): Promise<PmsPostingResult> => {
    if (charge.currency !== config.currency) {
      throw new PmsError('POSTING_REJECTED', `FIAS link posts ${config.currency}, not ${charge.currency}`, {
        retryable: false,
      });
    }
    // The total rule (p.88) is checked before anything leaves: a wrong TA is never sent.
    const totals = totalsOf(charge, config, sign);
    if (!totals.ok)
      throw new PmsError('POSTING_REJECTED', `totals do not add up: ${totals.reason}`, { retryable: false });
    const wanted = charge.stayRef ? parseStayRef(charge.stayRef) : null;
    const inRoom = (await inquireGuests({ by: 'room', value: charge.roomNumber })).filter(
      (g) => g.fields.get('RN') === charge.roomNumber,
    );
    const guest = wanted ? inRoom.find((g) => g.fields.get('G#') === wanted.reservation) : inRoom[0];
    if (!guest) {
      // The verified stay is no longer in house (inquiries only see in-house guests, p.79).
      if (wanted)
        throw new PmsError('GUEST_CHECKED_OUT', 'the verified guest left the room', { retryable: false });
      throw new PmsError('ROOM_NOT_FOUND', `room ${charge.roomNumber} has no in-house guest`, {
        retryable: false,
      });
    }
    // RN, G# and GN exactly as the PL gave them (GN is echoed back, p.81).
    const ctx = {
      config,
      roomNumber: charge.roomNumber,
      reservation: guest.fields.get('G#') ?? '',
      guestName: cleanText(guest.fields.get('GN') ?? '', 200),
    };
    const answer = await client.request('posting', (seq) => postingRecord(charge, ctx, seq, sign));
    return postingResult(answer, charge, config.currency);
  };

  return {
    kind: 'fias',
    postingConcurrency: 1,
    features: FEATURES,
    link,
    client,
    async testConnection() {
      await link.waitAlive(t.linkWaitMs).then((alive) => {
        if (!alive)
          throw new PmsError('CONNECTION_FAILED', `FIAS link is ${link.state}`, { retryable: true });
      });
    },
    lookupRoom,
    async lookupCredential(uid) {
      // $2 carries key-card track 2 (N max 19, inquiry only); anything else is not a FIAS credential.
      if (!/^\d{1,19}$/.test(uid))
        throw new PmsError('CREDENTIAL_NOT_FOUND', 'not track-2 data', { retryable: false });
      const [first] = await inquire({ by: 'track2', value: uid });
      if (!first)
        throw new PmsError('CREDENTIAL_NOT_FOUND', 'no in-house guest for this key card', {
          retryable: false,
        });
      return first;
    },
    lookupByName: (lastName) => inquire({ by: 'name', value: lastName.slice(0, 10) }),
    postCharge: (charge) => post(charge, 1),
    voidCharge: (request) =>
      post({ ...request.original, chargeId: request.voidId, createdAt: clock.now().toISOString() }, -1),
    async close() {
      client.abort('adapter closed');
      await link.stop();
    },
  };
}

function totalsOf(
  charge: PmsChargeRequest,
  config: FiasPmsConfig,
  sign: 1 | -1,
): ReturnType<typeof checkTotal> {
  try {
    return checkTotal(record('PR', amountFields(charge, config, sign)));
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

function postingResult(answer: FiasRecord, charge: PmsChargeRequest, currency: string): PmsPostingResult {
  const as = field(answer, 'AS');
  const sequence = field(answer, 'P#') ?? '';
  if (answer.type !== 'PA' || as !== 'OK') {
    throw answerError(as, field(answer, 'CT'), 'posting', { chargeId: charge.chargeId, sequence });
  }
  return {
    // FIAS returns no transaction id: P# with the posting's DA/TI is what the PMS journal shows.
    pmsTransactionId: `P#${sequence}/${field(answer, 'DA') ?? ''}${field(answer, 'TI') ?? ''}`,
    folioBalanceMinor: moneyIn(field(answer, 'BA'), currencyExponent(currency)),
    duplicate: false,
  };
}
