import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FleetPage } from './fleet-page.js';
import type { ConsoleMessageKey } from './i18n/en.js';
import { currentLang, setLang, useT } from './i18n/i18n.js';
import { AuditPage } from './pages/audit-page.js';
import { GroupPage } from './pages/group-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { PostingsPage } from './pages/postings-page.js';
import { QueuePage } from './pages/queue-page.js';
import { ReconciliationPage } from './pages/reconciliation-page.js';
import { RevenuePage } from './pages/revenue-page.js';
import { PAGES, type Page, useRoute } from './router.js';
import { currentSession, onSessionChange, signOut } from './session.js';
import { SignIn } from './sign-in.js';
import './console.css';

/**
 * Which pages a role is shown (central refuses the rest anyway: auth/permissions.ts). IT sees the
 * fleet only; the office everything read-only; managers and admins act on the queue; a group user
 * (the group view) the group page only.
 */
const PROPERTY_PAGES = PAGES.filter((p) => p !== 'group');
const ROLE_PAGES: Record<string, readonly Page[]> = {
  it: ['fleet'],
  front_desk: ['postings'],
  office: PROPERTY_PAGES,
  manager: PROPERTY_PAGES,
  admin: PROPERTY_PAGES,
  // A hotel group's user, signed in to the group view (`roompost-central group` serves this console).
  group: ['group'],
};

const VIEWS: Record<Page, () => preact.JSX.Element> = {
  overview: OverviewPage,
  postings: PostingsPage,
  queue: QueuePage,
  reconciliation: ReconciliationPage,
  revenue: RevenuePage,
  fleet: FleetPage,
  audit: AuditPage,
  group: GroupPage,
};

function Console() {
  const [session, setSession] = useState(currentSession);
  const { t, lang } = useT();
  const route = useRoute();
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  useEffect(() => {
    document.documentElement.lang = currentLang();
  }, []);
  const allowed = ROLE_PAGES[session?.role ?? ''] ?? [];
  const page: Page | null = allowed.includes(route) ? route : (allowed[0] ?? null);
  const View = page ? VIEWS[page] : null;
  return (
    <main class="console">
      <nav class="brand bar no-print">
        <span class="logo">{t('brand')}</span>
        {session && (
          <span class="tabs" data-testid="console-nav">
            {allowed.map((p) => (
              <a key={p} href={`#/${p}`} class={p === page ? 'tab active' : 'tab'} data-testid={`nav-${p}`}>
                {t(`nav.${p}` as ConsoleMessageKey)}
              </a>
            ))}
            {session.role !== 'group' && (
              <a href="/desk/" class="tab" data-testid="nav-desk">
                {t('nav.desk')}
              </a>
            )}
          </span>
        )}
        <span class="who">
          <button
            type="button"
            class="secondary lang"
            data-testid="lang-switch"
            onClick={() => setLang(lang === 'en' ? 'hi' : 'en')}
          >
            {lang === 'en' ? 'हिन्दी' : 'English'}
          </button>
          {session && (
            <>
              {' '}
              {session.username} ({session.role.replace('_', ' ')}){' '}
              <button type="button" onClick={() => void signOut()}>
                {t('signout')}
              </button>
            </>
          )}
        </span>
      </nav>
      {!session && <SignIn />}
      {session && View && <View />}
      {session && !View && <p class="muted">{t('error.forbidden')}</p>}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Console />, root);
