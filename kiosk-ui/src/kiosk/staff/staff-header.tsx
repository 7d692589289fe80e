// Status at a glance: outlet, who is signed in (and as what), the link to the hotel, PMS trouble,
// how many charges are not on a folio yet, the language, and sign-out.
import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/i18n.js';
import { useKiosk } from '../kiosk-context.js';
import { LangButtons } from '../shell/lang-buttons.js';
import type { StaffContextValue } from './staff-context.js';

export type LinkHealth = 'online' | 'offline' | 'unknown' | 'pms-trouble';

export interface StaffHeaderProps {
  staff: StaffContextValue | null;
  t: StaffContextValue['t'];
  lang: Lang;
  onLang: (lang: Lang) => void;
  health: LinkHealth;
  pendingCount: number;
  onPending: () => void;
  onSignOut: () => void;
  children?: ComponentChildren;
}

export function StaffHeader(p: StaffHeaderProps) {
  const { outlet } = useKiosk();
  const { t } = p;
  const label =
    p.health === 'online'
      ? t('status.online')
      : p.health === 'pms-trouble'
        ? t('status.pms')
        : p.health === 'offline'
          ? t('status.offline')
          : '…';
  return (
    <header class="kiosk-header staff-header">
      <span class="kiosk-header-outlet">{outlet.name}</span>
      <span class="status" data-testid="central-status" data-state={p.health} role="status">
        <span class={`status-dot status-dot--${p.health}`} aria-hidden="true" />
        {label}
      </span>
      {p.staff && (
        <button type="button" class="header-button" data-testid="pending-count" onClick={p.onPending}>
          {t('status.pending', { count: p.pendingCount })}
        </button>
      )}
      <LangButtons lang={p.lang} onLang={p.onLang} />
      {p.staff && (
        <span class="staff-who" data-testid="staff-who">
          {p.staff.session.staff.name}
          <br />
          <span data-testid="staff-role">{t(`role.${p.staff.session.staff.role}`)}</span>
        </span>
      )}
      {p.staff && (
        <button type="button" class="header-button" data-testid="sign-out" onClick={p.onSignOut}>
          {t('signout')}
        </button>
      )}
      {p.children}
    </header>
  );
}
