// Where the "not available" options lead: a plain instruction, then back to the start.
import type { Choice } from '../flow/flow.js';
import type { MessageKey } from '../i18n/i18n.js';
import { useKiosk } from '../kiosk-context.js';
import { useCountdown } from '../shell/use-countdown.js';

const RETURN_AFTER_S = 20;

const INSTRUCTIONS: Record<Choice, { title: MessageKey; text: MessageKey }> = {
  'pay-by-card': { title: 'ss.cardTitle', text: 'ss.cardText' },
  'call-front-desk': { title: 'ss.deskTitle', text: 'ss.deskText' },
};

export interface InstructionScreenProps {
  choice: Choice;
  nothingCharged: boolean;
  onDone: () => void;
}

export function InstructionScreen({ choice, nothingCharged, onDone }: InstructionScreenProps) {
  const { t } = useKiosk();
  const left = useCountdown(RETURN_AFTER_S, onDone);
  const { title, text } = INSTRUCTIONS[choice];
  return (
    <div class="instruction" data-testid="instruction-screen" data-choice={choice}>
      <h1 class="screen-title">{t(title)}</h1>
      <p class="instruction-text">{t(text)}</p>
      {nothingCharged && <p class="nothing-charged">{t('ss.nothingCharged')}</p>}
      <button type="button" class="button button--primary" data-testid="done" onClick={onDone}>
        {t('ss.done')}
      </button>
      <p class="countdown">{t('ss.backToStart', { seconds: left })}</p>
    </div>
  );
}
