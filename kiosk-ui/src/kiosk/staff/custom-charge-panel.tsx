// Seed 004 "custom charge entry": a description on the letter keyboard, then the amount on the
// keypad (typed as minor units: 2 5 0 0 → 25.00), no physical keyboard needed.
import { useState } from 'preact/hooks';
import { EntryField } from '../identify/entry-field.js';
import { LetterKeyboard } from '../identify/letter-keyboard.js';
import { NumericKeypad } from '../identify/numeric-keypad.js';
import { digitsToMinor } from './staff-cart.js';
import { useStaff } from './staff-context.js';

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
              {t('custom.amount')} →
            </button>
          )}
        </div>
      </div>
      {step === 'name' ? (
        <LetterKeyboard
          onKey={(k) => setName((n) => (n.length < 40 ? (n === '' ? k : n + k.toLowerCase()) : n))}
          onDelete={() => setName((n) => n.slice(0, -1))}
        />
      ) : (
        <NumericKeypad
          onKey={(d) => setDigits((s) => (s.length < 7 ? s + d : s))}
          onDelete={() => setDigits((s) => s.slice(0, -1))}
          onNext={() => onAdd(name, amount)}
          nextLabel={t('custom.add')}
          nextDisabled={name.trim() === '' || amount <= 0}
        />
      )}
    </section>
  );
}
