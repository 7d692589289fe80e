// The thin bar on top of every screen: outlet name, the link to the hotel, the language switch, and room for the
// developer panel's toggle in the corner.
import type { ComponentChildren } from 'preact';
import { type LinkState, StatusDot } from '../../shared/status-dot.js';
import { useKiosk } from '../kiosk-context.js';
import { LangButtons } from './lang-buttons.js';

export function KioskHeader({ central, children }: { central: LinkState; children?: ComponentChildren }) {
  const { outlet, t, lang, setLang } = useKiosk();
  const labels = {
    online: t('status.online'),
    offline: t('status.offline'),
    unknown: t('ss.connecting'),
    // Guest words: the hotel system, not "PMS".
    'pms-trouble': t('status.guestPms'),
  };
  return (
    <header class="kiosk-header">
      <span class="kiosk-header-outlet">{outlet.name}</span>
      <StatusDot state={central} testId="central-status" labels={labels} />
      <LangButtons lang={lang} onLang={setLang} />
      {children}
    </header>
  );
}
