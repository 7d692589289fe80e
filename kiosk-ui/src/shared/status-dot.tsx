// A small online/offline indicator with its label in words (colour alone is not enough).

export type LinkState = 'online' | 'offline' | 'unknown';

const LABELS: Record<LinkState, string> = {
  online: 'Hotel online',
  offline: 'Hotel offline',
  unknown: 'Connecting…',
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
