// Boot: fetch the outlet, its catalog and the central link state, then hand over to the kiosk.
// Until the edge answers, the screen says so and retries on its own (the Pi may boot the browser
// before the edge service is up).

import { formatMinor } from '@roompost/folio/money';
import type { CatalogView, OutletView } from '@roompost/sync/contract';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { EdgeClient } from './api/edge-client.js';
import { intlLocale, type Lang, langOf, translator } from './i18n/i18n.js';
import { Kiosk } from './kiosk.js';
import { KioskContext, type KioskContextValue } from './kiosk-context.js';
import { StaffKiosk } from './staff/staff-kiosk.js';

const BOOT_RETRY_MS = 5000;

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; outlet: OutletView; catalog: CatalogView; central: 'online' | 'offline' };

export function App({ client }: { client: EdgeClient }) {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([client.outlet(), client.catalog(), client.health()])
      .then(([outlet, catalog, health]) => {
        formatMinor(0, outlet.currency, outlet.locale); // throws on a currency Intl does not know
        if (live) setBoot({ state: 'ready', outlet, catalog, central: health.central });
      })
      .catch((error: unknown) => {
        if (!live) return;
        setBoot({ state: 'failed', reason: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, [client, attempt]);

  useEffect(() => {
    if (boot.state !== 'failed') return;
    const timer = window.setTimeout(retry, BOOT_RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [boot, retry]);

  const [lang, setLang] = useState<Lang | null>(null);
  const context = useMemo<KioskContextValue | null>(() => {
    if (boot.state !== 'ready') return null;
    const { outlet, catalog } = boot;
    const shown = lang ?? langOf(outlet.locale);
    const locale = intlLocale(shown, outlet.locale);
    return {
      outlet,
      catalog,
      client,
      money: (minor) => formatMinor(minor, outlet.currency, locale),
      lang: shown,
      setLang,
      t: translator(shown),
      locale,
    };
  }, [boot, client, lang]);

  if (boot.state === 'ready' && context) {
    return (
      <KioskContext.Provider value={context}>
        {boot.outlet.mode === 'staff' ? (
          <StaffKiosk initialCentral={boot.central} />
        ) : (
          <Kiosk initialCentral={boot.central} />
        )}
      </KioskContext.Provider>
    );
  }
  return (
    <main class="boot" data-testid="boot" data-state={boot.state}>
      <h1>{boot.state === 'loading' ? 'Starting…' : 'This kiosk is not available right now'}</h1>
      {boot.state === 'failed' && (
        <>
          <p>Please pay at the bar. The kiosk will try again in a moment.</p>
          <p class="boot-detail">{boot.reason}</p>
          <button type="button" class="button" onClick={retry}>
            Try again
          </button>
        </>
      )}
    </main>
  );
}
