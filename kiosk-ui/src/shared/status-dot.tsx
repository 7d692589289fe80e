// A small online/offline indicator with its label in words (colour alone is not enough).

/** pms-trouble: central is reachable but the hotel's PMS is not (amber). */
export type LinkState = 'online' | 'offline' | 'unknown' | 'pms-trouble';

const LABELS: Record<LinkState, string> = {
  online: 'Hotel online',
  offline: 'Hotel offline',
  unknown: 'Connecting…',
  'pms-trouble': 'Hotel system delayed',
};

export function StatusDot({
  state,
  testId,
  labels = LABELS,
}: {
  state: LinkState;
  testId?: string;
  /** The words for each state, in the screen's language. */
  labels?: Record<LinkState, string>;
}) {
  return (
    <span class="status" data-testid={testId} data-state={state} role="status">
      <span class={`status-dot status-dot--${state}`} aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
