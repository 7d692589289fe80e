// What has been typed so far, shown large. Tapping it switches the keyboard to that field.

export interface EntryFieldProps {
  label: string;
  value: string;
  active: boolean;
  testId: string;
  onClick: () => void;
}

export function EntryField({ label, value, active, testId, onClick }: EntryFieldProps) {
  return (
    <button type="button" class={`entry-field${active ? ' entry-field--active' : ''}`} onClick={onClick}>
      <span class="entry-field-label">{label}</span>
      <span class="entry-field-value" data-testid={testId}>
        {value}
        {active && <span class="caret" aria-hidden="true" />}
      </span>
    </button>
  );
}
