// What every desk page needs: words in the chosen language, money in the property's currency (INR with
// lakh grouping, USD), the signed-in user's permissions, and the hash route.
import { type CurrencyCode, formatMinor, parseDecimalAmount, toDecimalString } from '@roompost/folio/money';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DeskKey, DeskLanguage } from './i18n.js';
import type { Property } from './types.js';

export interface Desk {
  t: (key: DeskKey) => string;
  language: DeskLanguage;
  property: Property;
  money: (minor: number) => string;
  may: (permission: string) => boolean;
  go: (route: string) => void;
  /** Re-reads the property (its business date) after something that moves it, e.g. night audit. */
  reloadProperty: () => void;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the desk');
  return desk;
}

/** en-IN groups rupees in lakhs (₹1,00,000.00); the figures keep Latin digits in Hindi too. */
export function moneyFormatter(currency: string): (minor: number) => string {
  const locale = currency === 'INR' ? 'en-IN' : 'en-US';
  return (minor) => formatMinor(minor, currency as CurrencyCode, locale);
}

/** "1500.50" → 150050 in a 2-decimal currency (folio's parser: never a float); null if not an amount. */
export function toMinor(text: string, currency: string): number | null {
  try {
    const minor = parseDecimalAmount(text.replace(/,/g, '').trim(), currency as CurrencyCode);
    return minor >= 0 ? minor : null;
  } catch {
    return null;
  }
}

/** 150050 → "1500.50": what an amount field starts with. */
export const toDecimal = (minor: number, currency: string): string =>
  toDecimalString(minor, currency as CurrencyCode);
