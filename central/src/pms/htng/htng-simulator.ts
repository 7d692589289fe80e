// An HTNG PMS on loopback speaking the asynchronous pattern protel I/O publishes for
// HTNG_ChargePostingRQ ("Asynchronous, Push", bearer token) and its OTA_ReadRQ: every request is a
// SOAP 1.2 envelope whose header carries WS-Addressing (`wsa:MessageID`, `wsa:To`, `wsa:Action`)
// and HTNG's asynchronous headers (`htnga:CorrelationID`, equal to the root's, and `htnga:ReplyTo`).
// A request that breaks that contract, or the root rules of protel's page (CorrelationID mandatory,
// TimeStamp `YYYY-MM-DDThh:mm:ssZ`, EchoToken 1–128 characters), is refused at once with a Sender
// fault. Otherwise the PMS acknowledges it (202, empty) and then POSTs the RS to the ReplyTo
// address over real HTTP, with `htnga:RelatesToCorrelationID` and `wsa:RelatesTo`. OTA `<Errors>`
// for refusals and (optionally) CorrelationID dedupe as before.
import { randomUUID } from 'node:crypto';
import { decimalToMinor, minorToDecimalString } from '../http/money.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { attr, child, envelope, parseRequest, text, type XmlNode } from './htng-soap.js';

export interface HtngSimulator {
  server: SimServer;
  hotel: SimHotel;
  endpointUrl: string;
  token: string;
  /** Results pushed to a ReplyTo address, and the HTTP status each push got. */
  pushes: Array<{ to: string; message: string; status: number | null }>;
  /** The next request is acknowledged (and applied) but its result is never pushed. */
  dropResultNext(): void;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

const PATH = '/htng/ChargePosting';
const soap = (status: number, body: Record<string, unknown>): SimResponse => ({
  status,
  headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
  body: envelope(body),
});
/** A business RS, kept as its element until it is pushed. */
const rsOf = (body: Record<string, unknown>): SimResponse => ({ status: 200, body });
const resultBody = (r: SimResponse) => r.body as Record<string, unknown>;
const fault = (status: number, code: 'soap:Sender' | 'soap:Receiver', reason: string) =>
  soap(status, {
    'soap:Fault': {
      'soap:Code': { 'soap:Value': code },
      'soap:Reason': { 'soap:Text': { '#text': reason, '@_xml:lang': 'en' } },
    },
  });

export async function startHtngSimulator(opts: {
  currency: string;
  dedupe: boolean;
}): Promise<HtngSimulator> {
  const hotel = new SimHotel(opts.currency);
  const token = 'htng-bearer-token';
  let endpointUrl = '';
  const money = (minor: number) => minorToDecimalString(minor, opts.currency);
  const echo = (rq: XmlNode, ns = 'http://htng.org/2014B') => ({
    '@_xmlns': ns,
    '@_EchoToken': attr(rq, 'EchoToken'),
    '@_CorrelationID': attr(rq, 'CorrelationID'),
    '@_TimeStamp': new Date(0).toISOString(),
    '@_Version': '1.0',
  });

  const reservation = (s: SimStay) => ({
    '@_ResStatus': s.status === 'in_house' ? 'In-house' : 'Checked-Out',
    UniqueID: { '@_Type': '14', '@_ID': s.id },
    RoomStays: {
      RoomStay: {
        RoomTypes: { RoomType: { '@_RoomTypeCode': 'DK', '@_RoomID': s.roomNumber } },
        TimeSpan: { '@_Start': s.arrival, '@_End': s.departure },
        GuestCounts: { GuestCount: { '@_AgeQualifyingCode': '10', '@_Count': '1' } },
      },
    },
    ResGuests: {
      ResGuest: {
        Profiles: {
          ProfileInfo: {
            Profile: { Customer: { PersonName: { GivenName: s.firstName, Surname: s.lastName } } },
          },
        },
      },
    },
    TPA_Extensions: {
      Billing: {
        '@_NoPost': String(s.noPost),
        '@_Balance': money(s.balanceMinor),
        ...(s.creditLimitMinor === null ? {} : { '@_CreditLimit': money(s.creditLimitMinor) }),
      },
    },
  });

  function read(rq: XmlNode): SimResponse {
    const room = text(child(rq, 'ReadRequests', 'HotelReadRequest', 'TPA_Extensions', 'RoomNumber'));
    const stays = hotel.stays.filter((s) => s.roomNumber === room);
    return rsOf({
      OTA_ResRetrieveRS: {
        ...echo(rq),
        Success: '',
        ReservationsList: stays.length ? { HotelReservation: stays.map(reservation) } : '',
      },
    });
  }

  function post(rq: XmlNode): SimResponse {
    const posting = child(rq, 'Posting');
    const rs = (content: Record<string, unknown>) =>
      rsOf({ HTNG_ChargePostingRS: { ...echo(rq), ...content } });
    const error = (code: string, shortText: string) =>
      rs({ Errors: { Error: { '@_Type': '3', '@_Code': code, '@_ShortText': shortText } } });
    const stay = hotel.stay(attr(posting, 'ReservationID') ?? '');
    if (!stay) return error('NG', 'Reservation not found');
    let total = 0;
    for (const part of ['Revenue', 'Tax', 'Gratuity']) {
      const node = child(posting, part);
      if (!node) continue;
      if (attr(node, 'CurrencyCode') !== opts.currency)
        return error('UR', 'Currency is not the hotel currency');
      total += decimalToMinor(attr(node, 'Amount') ?? 'x', opts.currency);
    }
    const booked = hotel.book(
      stay,
      attr(rq, 'CorrelationID') ?? '',
      total,
      attr(child(posting, 'Revenue'), 'Description') ?? '',
      opts.dedupe,
    );
    if (!booked.ok) {
      if (booked.reason === 'NO_POST') return error('NP', 'Posting denied: No-Post flag set');
      if (booked.reason === 'CREDIT_LIMIT') return error('CO', 'Posting denied: credit limit exceeded');
      return error('NG', 'Guest has checked out');
    }
    const warnings = booked.duplicate
      ? {
          Warnings: {
            Warning: { '@_Type': '10', '@_ShortText': 'Duplicate CorrelationID: posting already exists' },
          },
        }
      : {};
    return rs({ Success: '', ...warnings, PostingID: { '@_ID': booked.posting.id } });
  }

  const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
  const ACTIONS: Record<string, string> = {
    OTA_ReadRQ: 'OTA_ReadRQ',
    HTNG_ChargePostingRQ: 'HTNG_ChargePostingRQ',
  };
  const pushes: HtngSimulator['pushes'] = [];
  let dropResult = false;

  /** What breaks the asynchronous profile's header or protel's root rules; empty when nothing. */
  function violations(name: string, rq: XmlNode, header: XmlNode): string[] {
    const found: string[] = [];
    const correlation = attr(rq, 'CorrelationID');
    if (!correlation || correlation.length > 64)
      found.push('CorrelationID is mandatory (1 to 64 characters)');
    const echo = attr(rq, 'EchoToken');
    if (echo !== undefined && (echo.length < 1 || echo.length > 128))
      found.push('EchoToken is 1 to 128 characters');
    if (!TIMESTAMP.test(attr(rq, 'TimeStamp') ?? '')) found.push('TimeStamp must be YYYY-MM-DDThh:mm:ssZ');
    if (!text(child(header, 'MessageID'))) found.push('wsa:MessageID is missing');
    if (text(child(header, 'To')) !== endpointUrl) found.push('wsa:To is not this endpoint');
    if (text(child(header, 'Action')) !== ACTIONS[name]) found.push(`wsa:Action is not ${ACTIONS[name]}`);
    if (text(child(header, 'CorrelationID')) !== correlation)
      found.push('htnga:CorrelationID does not match the message CorrelationID');
    if (!/^https?:\/\//.test(text(child(header, 'ReplyTo', 'Address'))))
      found.push('htnga:ReplyTo has no address to push the result to');
    return found;
  }

  function push(rq: XmlNode, header: XmlNode, result: SimResponse): void {
    const to = text(child(header, 'ReplyTo', 'Address'));
    const [name, node] = Object.entries(result.body as Record<string, unknown>)[0] ?? [];
    const message = envelope(
      { [name ?? 'RS']: node },
      {
        'wsa:MessageID': `urn:uuid:${randomUUID()}`,
        'wsa:To': to,
        'wsa:Action': name ?? 'RS',
        'wsa:RelatesTo': text(child(header, 'MessageID')),
        'htnga:RelatesToCorrelationID': attr(rq, 'CorrelationID'),
      },
    );
    const record = { to, message, status: null as number | null };
    pushes.push(record);
    void fetch(to, {
      method: 'POST',
      headers: { 'content-type': `application/soap+xml; charset=utf-8; action="${name}"` },
      body: message,
    }).then(
      async (res) => {
        record.status = res.status;
        await res.arrayBuffer();
      },
      () => undefined,
    );
  }

  function route(req: SimRequest): SimResponse {
    if (req.method !== 'POST' || req.path !== PATH)
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html>Not Found</html>' };
    if (req.headers.authorization !== `Bearer ${token}`) return fault(401, 'soap:Sender', 'Unauthorized');
    const rq = parseRequest(req.body);
    if (!rq) return fault(400, 'soap:Sender', 'Malformed message');
    if (!ACTIONS[rq.name]) return fault(400, 'soap:Sender', `Unsupported message ${rq.name}`);
    const wrong = violations(rq.name, rq.node, rq.header);
    if (wrong.length > 0) return fault(400, 'soap:Sender', wrong.join('; '));
    // Applied now; the result goes out only after the acknowledgement (and never if that is lost).
    const result = rq.name === 'OTA_ReadRQ' ? read(rq.node) : post(rq.node);
    const drop = dropResult;
    dropResult = false;
    return {
      status: 202,
      afterWrite: () => {
        if (!drop) push(rq.node, rq.header, { ...result, body: resultBody(result) });
      },
    };
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.body.includes('HTNG_ChargePostingRQ'),
  });
  endpointUrl = `${server.url}${PATH}`;
  return {
    server,
    hotel,
    endpointUrl,
    token,
    pushes,
    dropResultNext: () => {
      dropResult = true;
    },
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}
