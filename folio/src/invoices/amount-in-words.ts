// "Eighteen Thousand Seven Hundred and Four Rupees Only": the amount line of an invoice. INR counts in
// lakh and crore (Indian numbering, 12,34,56,789); every other currency in thousand/million/billion.
import { currencyExponent } from '../money/index.js';

const ONES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

interface CurrencyWords {
  major: [string, string];
  /** Singular and plural of the minor unit; null for currencies without one (JPY). */
  minor: [string, string] | null;
}

const CURRENCY_WORDS: Record<string, CurrencyWords> = {
  INR: { major: ['Rupee', 'Rupees'], minor: ['Paisa', 'Paise'] },
  USD: { major: ['Dollar', 'Dollars'], minor: ['Cent', 'Cents'] },
  EUR: { major: ['Euro', 'Euros'], minor: ['Cent', 'Cents'] },
  GBP: { major: ['Pound', 'Pounds'], minor: ['Penny', 'Pence'] },
  AED: { major: ['Dirham', 'Dirhams'], minor: ['Fils', 'Fils'] },
  KWD: { major: ['Dinar', 'Dinars'], minor: ['Fils', 'Fils'] },
  JPY: { major: ['Yen', 'Yen'], minor: null },
};

// Scales from the largest down; a group's count is itself spelled with the same scales (1,234 crore).
const INDIAN_SCALES: Array<[bigint, string]> = [
  [10_000_000n, 'Crore'],
  [100_000n, 'Lakh'],
  [1_000n, 'Thousand'],
];
const INTERNATIONAL_SCALES: Array<[bigint, string]> = [
  [1_000_000_000_000n, 'Trillion'],
  [1_000_000_000n, 'Billion'],
  [1_000_000n, 'Million'],
  [1_000n, 'Thousand'],
];

/**
 * amountInWords(1870400, 'INR') → "Eighteen Thousand Seven Hundred and Four Rupees Only";
 * amountInWords(123456, 'USD') → "One Thousand Two Hundred and Thirty Four Dollars and Fifty Six Cents Only".
 * A negative amount (credit note) starts with "Minus". Unknown currencies use the ISO code as the unit.
 */
export function amountInWords(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('amount must be a safe integer');
  const exponent = currencyExponent(currency);
  const words = CURRENCY_WORDS[currency] ?? { major: [currency, currency], minor: null };
  const scale = 10n ** BigInt(exponent);
  const magnitude = BigInt(Math.abs(amountMinor));
  const major = magnitude / scale;
  const minor = magnitude % scale;
  const scales = currency === 'INR' ? INDIAN_SCALES : INTERNATIONAL_SCALES;
  const parts: string[] = [];
  if (major > 0n || minor === 0n) parts.push(`${spell(major, scales)} ${words.major[major === 1n ? 0 : 1]}`);
  if (minor > 0n) {
    parts.push(
      words.minor ? `${spell(minor, scales)} ${words.minor[minor === 1n ? 0 : 1]}` : `${minor}/${scale}`,
    );
  }
  const text = parts.join(' and ');
  return `${amountMinor < 0 ? 'Minus ' : ''}${text} Only`;
}

/** Spells a non-negative integer; "and" joins the last part under a hundred to anything larger. */
export function spell(value: bigint, scales: Array<[bigint, string]>): string {
  if (value === 0n) return ONES[0]!;
  const parts: string[] = [];
  let rest = value;
  for (const [size, name] of scales) {
    if (rest >= size) {
      parts.push(`${spell(rest / size, scales)} ${name}`);
      rest %= size;
    }
  }
  if (rest >= 100n) {
    parts.push(`${ONES[Number(rest / 100n)]} Hundred`);
    rest %= 100n;
  }
  if (rest > 0n) {
    const small = Number(rest);
    const tens =
      small < 20
        ? ONES[small]!
        : `${TENS[Math.floor(small / 10)]}${small % 10 ? ` ${ONES[small % 10]}` : ''}`;
    return parts.length > 0 ? `${parts.join(' ')} and ${tens}` : tens;
  }
  return parts.join(' ');
}
