// 3 × 4 keypad for the room number: digits, delete, and the step's main action in the corner.

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export interface NumericKeypadProps {
  onKey: (digit: string) => void;
  onDelete: () => void;
  onNext: () => void;
  nextLabel: string;
  nextDisabled: boolean;
}

export function NumericKeypad({ onKey, onDelete, onNext, nextLabel, nextDisabled }: NumericKeypadProps) {
  return (
    <div class="keypad" data-testid="numeric-keypad">
      {DIGITS.map((digit) => (
        <button
          key={digit}
          type="button"
          class="key"
          data-testid={`key-${digit}`}
          onClick={() => onKey(digit)}
        >
          {digit}
        </button>
      ))}
      <button
        type="button"
        class="key key--muted"
        aria-label="Delete"
        data-testid="key-delete"
        onClick={onDelete}
      >
        ⌫
      </button>
      <button type="button" class="key" data-testid="key-0" onClick={() => onKey('0')}>
        0
      </button>
      <button
        type="button"
        class="key key--primary"
        data-testid="keypad-next"
        disabled={nextDisabled}
        onClick={onNext}
      >
        {nextLabel}
      </button>
    </div>
  );
}
