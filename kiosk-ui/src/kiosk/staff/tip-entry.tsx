// Seed 000 tip: none, one of the outlet's percentages of the amount, or an amount typed on the keypad.
import { useState } from 'preact/hooks';
import { NumericKeypad } from '../identify/numeric-keypad.js';
import { tipOptions } from '../tip/tip-amount.js';
import { digitsToMinor } from './staff-cart.js';
import { useStaff } from './staff-context.js';

export type TipChoice = { kind: 'percent'; percent: number | null } | { kind: 'amount'; minor: number };

export function tipMinorOf(choice: TipChoice, subtotalMinor: number, presets: readonly number[]): number {
  if (choice.kind === 'amount') return choice.minor;
  return tipOptions(subtotalMinor, presets).find((o) => o.percent === choice.percent)?.tipMinor ?? 0;
}

export interface TipEntryProps {
  subtotalMinor: number;
  presets: readonly number[];
  choice: TipChoice;
  onChoice: (choice: TipChoice) => void;
}

export function TipEntry({ subtotalMinor, presets, choice, onChoice }: TipEntryProps) {
  const { t, money } = useStaff();
  const [typing, setTyping] = useState<string | null>(null);
  if (typing !== null) {
    return (
      <div class="tip-typing" data-testid="tip-typing">
        <p class="tip-typed" data-testid="tip-typed">
          {t('found.tip')}: {money(digitsToMinor(typing))}
        </p>
        <NumericKeypad
          onKey={(d) => setTyping((s) => ((s ?? '').length < 7 ? `${s ?? ''}${d}` : s))}
          onDelete={() => setTyping((s) => (s ?? '').slice(0, -1))}
          onNext={() => {
            onChoice({ kind: 'amount', minor: digitsToMinor(typing) });
            setTyping(null);
          }}
          nextLabel={t('tip.set')}
          nextDisabled={false}
        />
      </div>
    );
  }
  return (
    <fieldset class="tips" data-testid="tip-picker">
      <legend>{t('found.tip')}</legend>
      <div class="tips-options">
        {tipOptions(subtotalMinor, presets).map((o) => (
          <button
            key={o.percent ?? 'none'}
            type="button"
            class="tip"
            aria-pressed={choice.kind === 'percent' && choice.percent === o.percent}
            data-testid={o.percent === null ? 'tip-none' : `tip-${o.percent}`}
            onClick={() => onChoice({ kind: 'percent', percent: o.percent })}
          >
            {o.percent === null ? (
              t('tip.none')
            ) : (
              <>
                <span class="tip-percent">{o.percent}%</span>
                <span class="tip-amount">{money(o.tipMinor)}</span>
              </>
            )}
          </button>
        ))}
        <button
          type="button"
          class="tip"
          aria-pressed={choice.kind === 'amount'}
          data-testid="tip-amount"
          onClick={() => setTyping('')}
        >
          {choice.kind === 'amount' ? money(choice.minor) : t('tip.amount')}
        </button>
      </div>
    </fieldset>
  );
}
