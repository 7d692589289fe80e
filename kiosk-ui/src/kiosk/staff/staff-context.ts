// What every staff screen needs: the signed-in session, the translator and the formatters for the
// chosen language, and the outlet's currency and time zone.
import type { StaffSessionView } from '@roompost/sync/contract';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, Translate } from '../i18n/i18n.js';

export interface StaffContextValue {
  session: StaffSessionView;
  lang: Lang;
  t: Translate;
  money: (amountMinor: number) => string;
  /** A stay date (YYYY-MM-DD) in the chosen language. */
  date: (isoDate: string | null) => string;
  /** An instant as a time of day in the property's time zone. */
  time: (iso: string) => string;
  may: (action: StaffSessionView['permissions'][number]) => boolean;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside <StaffContext.Provider>');
  return value;
}
