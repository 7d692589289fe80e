// Idempotency keys for what the desk posts: one id per intent (the same lines, the same payment),
// reused when staff press the button again after a lost answer, so central posts it once. Changed
// content is a new intent with a new id; a success ends the intent.
import { useRef } from 'preact/hooks';
import { newRequestId } from '../shared/request-id.js';

export function useRequestId() {
  const intent = useRef<{ key: string; id: string } | null>(null);
  return {
    /** The id of this content: the same until the content changes or `done` is called. */
    idFor(content: unknown): string {
      const key = JSON.stringify(content);
      if (intent.current?.key !== key) intent.current = { key, id: newRequestId() };
      return intent.current.id;
    },
    done(): void {
      intent.current = null;
    },
  };
}
