import { useEffect, useState } from 'preact/hooks';
import { type ConsoleMessageKey, en } from './en.js';
import { hi } from './hi.js';

export type ConsoleLang = 'en' | 'hi';
const KEY = 'roompost.console.lang';
const DICTS: Record<ConsoleLang, Record<ConsoleMessageKey, string>> = { en, hi };
const listeners = new Set<() => void>();

export function currentLang(): ConsoleLang {
  try {
    return localStorage.getItem(KEY) === 'hi' ? 'hi' : 'en';
  } catch {
    return 'en';
  }
}

export function setLang(lang: ConsoleLang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

export function translate(
  lang: ConsoleLang,
  key: ConsoleMessageKey,
  vars: Record<string, string | number> = {},
): string {
  return DICTS[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`));
}

/** The current language and a t() bound to it; re-renders when the language changes. */
export function useT() {
  const [lang, set] = useState(currentLang);
  useEffect(() => {
    const l = () => set(currentLang());
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return {
    lang,
    t: (key: ConsoleMessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
  };
}
