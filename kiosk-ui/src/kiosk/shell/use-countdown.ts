// Seconds left before a screen returns to the start on its own; calls onDone at zero.
import { useEffect, useRef, useState } from 'preact/hooks';

/** A change of `restart` starts the count again (e.g. the guest is still busy on the screen). */
export function useCountdown(seconds: number, onDone: () => void, restart: unknown = null): number {
  const [left, setLeft] = useState(seconds);
  const latest = useRef(onDone);
  latest.current = onDone;

  useEffect(() => {
    const deadline = Date.now() + seconds * 1000;
    const tick = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        window.clearInterval(tick);
        latest.current();
      }
    }, 250);
    return () => window.clearInterval(tick);
  }, [seconds, restart]);

  return left;
}
