// A small message catalog: English and Hindi, chosen from the outlet's locale and switchable on
// screen. Money and dates are formatted by Intl with the same language.
import { en, type MessageKey } from './en.js';
import { hi } from './hi.js';

export type Lang = 'en' | 'hi';
export const LANGS: readonly Lang[] = ['en', 'hi'];
const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en, hi };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function langOf(locale: string): Lang {
  return locale.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

/** The BCP 47 locale for Intl: the outlet's own for its language (en-US, hi-IN), else a default. */
export function intlLocale(lang: Lang, outletLocale: string): string {
  if (langOf(outletLocale) === lang) return outletLocale;
  return lang === 'hi' ? 'hi-IN' : 'en-US';
}

/**
 * Looks up `key` in the language's catalog. With a numeric `count`, the plural form the language's
 * rules pick (Intl.PluralRules: `key.one`, `key.other`, …) wins where the catalog has it.
 */
export function translator(lang: Lang): Translate {
  const catalog: Record<string, string> = CATALOGS[lang];
  const plural = new Intl.PluralRules(lang === 'hi' ? 'hi-IN' : 'en-US');
  return (key, vars) => {
    const count = vars?.count;
    const form = typeof count === 'number' ? catalog[`${key}.${plural.select(count)}`] : undefined;
    const text = form ?? catalog[key] ?? en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}

export type { MessageKey };
