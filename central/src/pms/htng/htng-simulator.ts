// An HTNG (protel I/O style) PMS on loopback: SOAP 1.2, bearer auth, OTA_ReadRQ → OTA_ResRetrieveRS,
// HTNG_ChargePostingRQ → RS echoing EchoToken and CorrelationID, OTA `<Errors>` for refusals, a
// Sender fault for a message it cannot read, and (optionally) CorrelationID dedupe.
import { decimalToMinor, minorToDecimalString } from '../http/money.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { attr, child, envelope, parseRequest, text, type XmlNode } from './htng-soap.js';

export interface HtngSimulator {
  server: SimServer;
  hotel: SimHotel;
  endpointUrl: string;
  token: string;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

const PATH = '/htng/ChargePosting';
const soap = (status: number, body: Record<string, unknown>): SimResponse => ({
  status,
  headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
  body: envelope(body),
});
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
    return soap(200, {
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
      soap(200, { HTNG_ChargePostingRS: { ...echo(rq), ...content } });
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

  function route(req: SimRequest): SimResponse {
    if (req.method !== 'POST' || req.path !== PATH)
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html>Not Found</html>' };
    if (req.headers.authorization !== `Bearer ${token}`) return fault(401, 'soap:Sender', 'Unauthorized');
    const rq = parseRequest(req.body);
    if (!rq) return fault(400, 'soap:Sender', 'Malformed message');
    if (rq.name === 'OTA_ReadRQ') return read(rq.node);
    if (rq.name === 'HTNG_ChargePostingRQ') return post(rq.node);
    return fault(400, 'soap:Sender', `Unsupported message ${rq.name}`);
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.body.includes('HTNG_ChargePostingRQ'),
  });
  return {
    server,
    hotel,
    endpointUrl: `${server.url}${PATH}`,
    token,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}
