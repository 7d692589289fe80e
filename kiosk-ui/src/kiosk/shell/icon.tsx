// The kiosk's icons as inline SVG, drawn in the text's colour at the text's size. Emoji and symbol
// glyphs (💳 ✓ ✗ ⚠) depend on the fonts installed: on a Pi without an emoji font they render as
// boxes. These ship with the app and look the same everywhere.
import type { JSX } from 'preact';

export type IconName = 'card' | 'check' | 'cross' | 'warning';

const PATHS: Record<IconName, JSX.Element> = {
  card: (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <path d="M2.5 10h19M6 15h4" />
    </>
  ),
  check: <path d="M4.5 12.5l5 5 10-11" />,
  cross: <path d="M6 6l12 12M18 6L6 18" />,
  warning: (
    <>
      <path d="M12 3L2 20.5h20z" />
      <path d="M12 10v5M12 17.5v.5" />
    </>
  ),
};

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon icon--${name}${className ? ` ${className}` : ''}`}
      data-icon={name}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      stroke-width="2.25"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
