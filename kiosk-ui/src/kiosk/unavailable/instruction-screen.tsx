// Where the "not available" options lead: a plain instruction, then back to the start.
import type { Choice } from '../flow/flow.js';
import { useCountdown } from '../shell/use-countdown.js';

const RETURN_AFTER_S = 20;

const INSTRUCTIONS: Record<Choice, { title: string; text: string }> = {
  'pay-by-card': {
    title: 'Please pay with a card',
    text: 'Show this order to the bar staff and pay there by card.',
  },
  'call-front-desk': {
    title: 'Please contact the front desk',
    text: 'The front desk can authorise room charges. Ask the bar staff to call them for you.',
  },
};

export interface InstructionScreenProps {
  choice: Choice;
  nothingCharged: boolean;
  onDone: () => void;
}

export function InstructionScreen({ choice, nothingCharged, onDone }: InstructionScreenProps) {
  const left = useCountdown(RETURN_AFTER_S, onDone);
  const { title, text } = INSTRUCTIONS[choice];
  return (
    <div class="instruction" data-testid="instruction-screen" data-choice={choice}>
      <h1 class="screen-title">{title}</h1>
      <p class="instruction-text">{text}</p>
      {nothingCharged && <p class="nothing-charged">Nothing was charged to your room.</p>}
      <button type="button" class="button button--primary" data-testid="done" onClick={onDone}>
        Done
      </button>
      <p class="countdown">Back to the start in {left} s</p>
    </div>
  );
}
