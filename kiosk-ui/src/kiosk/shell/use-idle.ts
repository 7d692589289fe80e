// Calls onIdle once nobody has touched the screen for `ms`. A walked-away guest must not leave their
// room and name on a public screen, nor a half-filled cart for the next guest.
import { useEffect, useRef } from 'preact/hooks';

export function useIdle(enabled: boolean, ms: number, onIdle: () => void): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;

  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(() => latest.current(), ms);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => latest.current(), ms);
    };
    window.addEventListener('pointerdown', reset, { passive: true });
    window.addEventListener('keydown', reset);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', reset);
      window.removeEventListener('keydown', reset);
    };
  }, [enabled, ms]);
}
