// The two HTNG messages a room charge needs. The root attributes (EchoToken echoed back,
// CorrelationID to match RS to RQ, TimeStamp, Version, POS/Source/RequestorID) follow protel I/O's
// HTNG_ChargePostingRQ page; the element layout below the root is our reading of HTNG/OTA, to be
// confirmed per vendor (docs/pms-http-adapters.md).
import type { PmsChargeRequest } from '../adapter.js';
import { currencyExponent, minorToDecimalString } from '../http/money.js';
import type { HtngPmsConfig } from './htng-config.js';
import { attr, child, list, text, type XmlNode } from './htng-soap.js';

export interface Correlation {
  echoToken: string;
  correlationId: string;
  timeStamp: string;
}

const root = (config: HtngPmsConfig, c: Correlation) => ({
  '@_xmlns': config.namespace,
  '@_EchoToken': c.echoToken,
  '@_CorrelationID': c.correlationId,
  '@_TimeStamp': c.timeStamp,
  '@_Version': '1.0',
  '@_PrimaryLangID': 'en',
  POS: { Source: { RequestorID: { '@_ID': config.requestorId, '@_Type': '10' } } },
});

/** OTA_ReadRQ for the current stay of a room (ResStatus tells In-house from Checked-Out). */
export function readRq(config: HtngPmsConfig, c: Correlation, roomNumber: string) {
  return {
    OTA_ReadRQ: {
      ...root(config, c),
      ReadRequests: {
        HotelReadRequest: { '@_HotelCode': config.hotelCode, TPA_Extensions: { RoomNumber: roomNumber } },
      },
    },
  };
}

export function chargePostingRq(
  config: HtngPmsConfig,
  c: Correlation,
  charge: PmsChargeRequest,
  reservationId: string,
) {
  const amount = (minor: number, code: string, description: string) => ({
    '@_Amount': minorToDecimalString(minor, charge.currency),
    '@_CurrencyCode': charge.currency,
    '@_DecimalPlaces': String(currencyExponent(charge.currency)),
    '@_Code': code,
    '@_Description': description,
  });
  const revenue =
    charge.outletPmsCodes?.htng?.revenueCode ??
    config.revenueCodes[charge.outletCode] ??
    config.defaultRevenueCode;
  // One Revenue per check (itemizing is not expressible here); a tip not posted apart is revenue.
  const tipApart = charge.posting?.tipAsSeparateLine ?? true;
  const revenueMinor = charge.subtotalMinor + (tipApart ? 0 : charge.tipMinor);
  return {
    HTNG_ChargePostingRQ: {
      ...root(config, c),
      Posting: {
        '@_HotelCode': config.hotelCode,
        '@_ReservationID': reservationId,
        '@_RoomNumber': charge.roomNumber,
        '@_OutletCode': charge.outletCode,
        '@_CheckNumber': charge.checkNumber,
        '@_TransactionDateTime': charge.createdAt,
        Revenue: amount(revenueMinor, revenue, charge.description),
        ...(charge.taxMinor !== 0 ? { Tax: amount(charge.taxMinor, revenue, 'Tax') } : {}),
        ...(tipApart && charge.tipMinor !== 0
          ? { Gratuity: amount(charge.tipMinor, revenue, 'Gratuity') }
          : {}),
      },
    },
  };
}

export interface HtngStay {
  reservationId: string;
  status: string;
  roomNumber: string;
  roomType: string;
  start: string;
  end: string;
  adults: number;
  namePrefix: string | null;
  givenName: string;
  surname: string;
  noPost: boolean;
  creditLimit: string | null;
  balance: string | null;
}

export function readStays(rs: XmlNode): HtngStay[] {
  return list(child(rs, 'ReservationsList', 'HotelReservation')).map((h) => {
    const stay = child(h, 'RoomStays', 'RoomStay');
    const name = child(
      h,
      'ResGuests',
      'ResGuest',
      'Profiles',
      'ProfileInfo',
      'Profile',
      'Customer',
      'PersonName',
    );
    const billing = child(h, 'TPA_Extensions', 'Billing');
    return {
      reservationId: attr(child(h, 'UniqueID'), 'ID') ?? '',
      status: attr(h, 'ResStatus') ?? '',
      roomNumber: attr(child(stay, 'RoomTypes', 'RoomType'), 'RoomID') ?? '',
      roomType: attr(child(stay, 'RoomTypes', 'RoomType'), 'RoomTypeCode') ?? '',
      start: attr(child(stay, 'TimeSpan'), 'Start') ?? '',
      end: attr(child(stay, 'TimeSpan'), 'End') ?? '',
      adults: Number(attr(child(stay, 'GuestCounts', 'GuestCount'), 'Count') ?? 1),
      namePrefix: text(child(name, 'NamePrefix')) || null,
      givenName: text(child(name, 'GivenName')),
      surname: text(child(name, 'Surname')),
      noPost: attr(billing, 'NoPost') === 'true',
      creditLimit: attr(billing, 'CreditLimit') ?? null,
      balance: attr(billing, 'Balance') ?? null,
    };
  });
}

/** OTA convention: `<Success/>` or `<Errors><Error Code ShortText/></Errors>`, plus `<Warnings>`. */
export function outcome(rs: XmlNode) {
  const errors = list(child(rs, 'Errors', 'Error')).map((e) => ({
    code: attr(e, 'Code') ?? '',
    text: attr(e, 'ShortText') ?? text(e),
  }));
  const warnings = list(child(rs, 'Warnings', 'Warning')).map((w) => attr(w, 'ShortText') ?? text(w));
  return { success: child(rs, 'Success') !== undefined && errors.length === 0, errors, warnings };
}
