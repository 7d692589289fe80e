// Seed 004 "custom charge entry": a description on the letter keyboard, then the amount on the
// keypad (typed as minor units: 2 5 0 0 → 25.00), no physical keyboard needed.
import { useState } from 'preact/hooks';
import { EntryField } from '../identify/entry-field.js';
import { LetterKeyboard } from '../identify/letter-keyboard.js';
import { NumericKeypad } from '../identify/numeric-keypad.js';
import { digitsToMinor } from './staff-cart.js';
import { useStaff } from './staff-context.js';

const MAX_DIGITS = 7;

export function CustomChargePanel({
  onAdd,
  onCancel,
}: {
  onAdd: (name: string, unitPriceMinor: number) => void;
  onCancel: () => void;
}) {
  const { t, money } = useStaff();
  const [name, setName] = useState('');
  const [digits, setDigits] = useState('');
  const [step, setStep] = useState<'name' | 'amount'>('name');
  const [atLimit, setAtLimit] = useState(false);
  const amount = digitsToMinor(digits);

  return (
    <section class="custom-charge" data-testid="custom-charge">
      <div class="custom-charge-fields">
        <EntryField
          label={t('custom.name')}
          value={name}
          active={step === 'name'}
          testId="custom-name"
          onClick={() => setStep('name')}
        />
        <EntryField
          label={t('custom.amount')}
          value={money(amount)}
          active={step === 'amount'}
          testId="custom-amount"
          onClick={() => setStep('amount')}
        />
        <div class="actions">
          <button type="button" class="button" data-testid="custom-cancel" onClick={onCancel}>
            {t('custom.cancel')}
          </button>
          {step === 'name' && (
            <button
              type="button"
              class="button button--primary"
              data-testid="custom-next"
              disabled={name.trim() === ''}
              onClick={() => setStep('amount')}
            >
              {t('custom.next')}
            </button>
          )}
        </div>
      </div>
      {atLimit && (
        <p class="notice notice--warn custom-limit" role="alert" data-testid="custom-limit">
          {t('custom.limit', { max: money(99_999_99) })}
        </p>
      )}
      {step === 'name' ? (
        <LetterKeyboard
          onKey={(k) => setName((n) => (n.length < 40 ? (n === '' ? k : n + k.toLowerCase()) : n))}
          onDelete={() => setName((n) => n.slice(0, -1))}
        />
      ) : (
        <NumericKeypad
          onKey={(d) => {
            // Seven digits (99,999.99): a larger custom charge is a mistake or belongs at the front desk.
            setAtLimit(digits.length >= MAX_DIGITS);
            setDigits((s) => (s.length < MAX_DIGITS ? s + d : s));
          }}
          onDelete={() => {
            setAtLimit(false);
            setDigits((s) => s.slice(0, -1));
          }}
          onNext={() => onAdd(name, amount)}
          nextLabel={t('custom.add')}
          nextDisabled={name.trim() === '' || amount <= 0}
        />
      )}
    </section>
  );
}
