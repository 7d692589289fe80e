// The thin bar on top of every screen: outlet name, the link to the hotel, and room for the
// developer panel's toggle in the corner.
import type { ComponentChildren } from 'preact';
import { type LinkState, StatusDot } from '../../shared/status-dot.js';
import { useKiosk } from '../kiosk-context.js';

export function KioskHeader({ central, children }: { central: LinkState; children?: ComponentChildren }) {
  const { outlet } = useKiosk();
  return (
    <header class="kiosk-header">
      <span class="kiosk-header-outlet">{outlet.name}</span>
      <StatusDot state={central} testId="central-status" />
      {children}
    </header>
  );
}
