// Why the last attempt to identify did not work, and what to do, in guest words.
import { guestWords } from '../flow/guest-words.js';
import type { Problem } from '../flow/problem.js';
import { useKiosk } from '../kiosk-context.js';

export function Notice({ problem }: { problem: Problem | null }) {
  const { t } = useKiosk();
  if (!problem) return null;
  const words = guestWords(t, problem.code);
  return (
    <div class="notice" role="alert" data-testid="notice" data-code={problem.code}>
      <strong>{words.message}</strong>
      <span class="notice-action">{words.action}</span>
    </div>
  );
}
