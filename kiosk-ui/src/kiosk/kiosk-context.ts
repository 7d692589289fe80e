// What every kiosk screen needs from the outlet: its configuration, catalog, the edge client and
// the money formatter for its currency and locale. Set once after boot.
import type { CatalogView, OutletView } from '@roompost/sync/contract';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { EdgeClient } from './api/edge-client.js';

export interface KioskContextValue {
  outlet: OutletView;
  catalog: CatalogView;
  client: EdgeClient;
  /** Minor units of the outlet's currency → display text, e.g. 8750 → "$87.50". */
  money: (amountMinor: number) => string;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside <KioskContext.Provider>');
  return value;
}
