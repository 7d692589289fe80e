// What every kiosk screen needs from the outlet: its configuration, catalog, the edge client and
// the money formatter for its currency and locale. Set once after boot.
import type { CatalogView, OutletView } from '@roompost/sync/contract';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { EdgeClient } from './api/edge-client.js';
import type { Lang, Translate } from './i18n/i18n.js';

export interface KioskContextValue {
  outlet: OutletView;
  catalog: CatalogView;
  client: EdgeClient;
  /** Minor units of the outlet's currency → display text, e.g. 8750 → "$87.50", in `lang`. */
  money: (amountMinor: number) => string;
  /** The language on screen (the outlet's by default, switchable in the header) and its messages. */
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The BCP 47 locale Intl formats dates and numbers with, for `lang`. */
  locale: string;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside <KioskContext.Provider>');
  return value;
}
