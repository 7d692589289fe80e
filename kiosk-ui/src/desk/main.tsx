import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentSession, onSessionChange, signOut } from '../console/session.js';
import { api } from './api.js';
import { AuditPage } from './audit-page.js';
import { BoardPage } from './board-page.js';
import { BookingPage } from './booking-page.js';
import { CheckoutPage } from './checkout-page.js';
import { DepositAck } from './deposit-ack.js';
import { type Desk, DeskContext, moneyFormatter } from './desk-context.js';
import { FolioPage } from './folio-page.js';
import { type DeskLanguage, DICTIONARIES } from './i18n.js';
import { ReportsPage } from './reports-page.js';
import { ReservationPage } from './reservation-page.js';
import { DeskSignIn } from './sign-in.js';
import type { Property } from './types.js';
import { Loading, useLoad } from './ui.js';
import './desk.css';

const LANGUAGE_KEY = 'roompost.desk.language';

function useHashRoute(): string {
  const [route, setRoute] = useState(() => location.hash.slice(1) || '/');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

function Page({ route }: { route: string }) {
  const parts = route.split('/').filter(Boolean);
  const [first, id, sub, extra] = parts;
  if (first === 'new') return <BookingPage />;
  if (first === 'audit') return <AuditPage />;
  if (first === 'reports') return <ReportsPage />;
  if (first === 'stay' && id) return <FolioPage stayRef={id} reservationId={null} />;
  if (first === 'r' && id) {
    if (sub === 'folio') return <FolioPage stayRef={null} reservationId={id} />;
    if (sub === 'checkout') return <CheckoutPage reservationId={id} />;
    if (sub === 'ack' && extra) return <DepositAck reservationId={id} depositId={extra} />;
    return <ReservationPage reservationId={id} />;
  }
  return <BoardPage />;
}

function SignedIn({
  language,
  setLanguage,
}: {
  language: DeskLanguage;
  setLanguage: (l: DeskLanguage) => void;
}) {
  const route = useHashRoute();
  const property = useLoad(() => api.get<Property>('/folio/property'), [route]);
  const me = useLoad(
    () => api.get<{ username: string; role: string; permissions: string[] }>('/auth/me'),
    [],
  );
  const desk = useMemo<Desk | null>(() => {
    if (!property.data || !me.data) return null;
    const words = DICTIONARIES[language];
    const permissions = new Set(me.data.permissions);
    return {
      t: (key) => words[key],
      language,
      property: property.data,
      money: moneyFormatter(property.data.currency),
      may: (p) => permissions.has(p),
      go: (r) => {
        location.hash = r;
      },
      reloadProperty: property.reload,
    };
  }, [property.data, me.data, language, property.reload]);
  if (!desk) return <Loading error={property.error ?? me.error} />;
  const { t } = desk;
  const nav: Array<[string, string]> = [
    ['#/', t('board')],
    ['#/new', t('newBooking')],
    ['#/audit', t('nightAudit')],
    ['#/reports', t('reports')],
  ];
  return (
    <DeskContext.Provider value={desk}>
      <header class="top">
        <div class="brand">
          <strong>{desk.property.name}</strong>
          <span class="muted" data-testid="business-date">
            {t('businessDate')}: {desk.property.businessDate}
          </span>
        </div>
        <div class="who">
          <button
            type="button"
            data-testid="language"
            lang={language === 'en' ? 'hi' : 'en'}
            onClick={() => setLanguage(language === 'en' ? 'hi' : 'en')}
          >
            {t('language')}
          </button>
          <span class="muted">{me.data?.username}</span>
          <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
        <nav class="tabs">
          {nav.map(([href, label]) => (
            <a
              key={href}
              href={href}
              class={`tab${(href === '#/' ? route === '/' : `#${route}`.startsWith(href)) ? ' active' : ''}`}
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main class="page">
        <Page route={route} />
      </main>
    </DeskContext.Provider>
  );
}

function App() {
  const [session, setSession] = useState(currentSession);
  const [language, setLanguageState] = useState<DeskLanguage>(() =>
    localStorage.getItem(LANGUAGE_KEY) === 'hi' ? 'hi' : 'en',
  );
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = (l: DeskLanguage) => {
    localStorage.setItem(LANGUAGE_KEY, l);
    setLanguageState(l);
  };
  return session ? (
    <SignedIn language={language} setLanguage={setLanguage} />
  ) : (
    <DeskSignIn words={DICTIONARIES[language]} />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
