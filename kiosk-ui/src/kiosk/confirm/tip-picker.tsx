// "No tip" or one of the outlet's presets, each showing what it adds.

import { useKiosk } from '../kiosk-context.js';
import type { TipOption } from '../tip/tip-amount.js';

export interface TipPickerProps {
  options: TipOption[];
  selected: number | null;
  onSelect: (percent: number | null) => void;
}

export function TipPicker({ options, selected, onSelect }: TipPickerProps) {
  const { money, t } = useKiosk();
  return (
    <fieldset class="tips" data-testid="tip-picker">
      <legend>{t('ss.addTip')}</legend>
      <div class="tips-options">
        {options.map((option) => (
          <button
            key={option.percent ?? 'none'}
            type="button"
            class="tip"
            aria-pressed={option.percent === selected}
            data-testid={option.percent === null ? 'tip-none' : `tip-${option.percent}`}
            onClick={() => onSelect(option.percent)}
          >
            {option.percent === null ? (
              t('ss.noTip')
            ) : (
              <>
                <span class="tip-percent">{option.percent}%</span>
                <span class="tip-amount">{money(option.tipMinor)}</span>
              </>
            )}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
