// On-screen keyboard for the last name: letters in QWERTY rows, plus the separators names use.

const ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'] as const;

export interface LetterKeyboardProps {
  onKey: (key: string) => void;
  onDelete: () => void;
}

export function LetterKeyboard({ onKey, onDelete }: LetterKeyboardProps) {
  return (
    <div class="keyboard" data-testid="letter-keyboard">
      {ROWS.map((row) => (
        <div key={row} class="keyboard-row">
          {Array.from(row).map((letter) => (
            <button
              key={letter}
              type="button"
              class="key"
              data-testid={`key-${letter}`}
              onClick={() => onKey(letter)}
            >
              {letter}
            </button>
          ))}
        </div>
      ))}
      <div class="keyboard-row">
        <button
          type="button"
          class="key"
          aria-label="Apostrophe"
          data-testid="key-apostrophe"
          onClick={() => onKey("'")}
        >
          '
        </button>
        <button
          type="button"
          class="key"
          aria-label="Hyphen"
          data-testid="key-hyphen"
          onClick={() => onKey('-')}
        >
          -
        </button>
        <button type="button" class="key key--space" data-testid="key-space" onClick={() => onKey(' ')}>
          space
        </button>
        <button
          type="button"
          class="key key--muted key--wide"
          aria-label="Delete"
          data-testid="key-delete"
          onClick={onDelete}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
