// Idempotency keys for what the desk posts: one id per intent (the same lines, the same payment),
// reused when staff press the button again after a lost answer, so central posts it once. Changed
// content is a new intent with a new id; a success ends the intent.
import { useRef } from 'preact/hooks';

/** A random UUID v4; crypto.randomUUID exists only in secure contexts (HTTPS, localhost). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
