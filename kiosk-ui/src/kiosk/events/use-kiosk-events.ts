// Subscribes to the edge's server-sent events for as long as the kiosk is up. EventSource retries
// a dropped stream by itself; when the edge answers with an error it gives up (readyState CLOSED),
// so the hook reopens it with a capped back-off.
import { useEffect, useRef } from 'preact/hooks';
import { KIOSK_EVENT_NAMES, type KioskEvent, parseKioskEvent } from './kiosk-event.js';

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export interface KioskEventHandlers {
  onEvent: (event: KioskEvent) => void;
  /** The stream is (re)connected: anything missed while it was down should be re-read. */
  onOpen: () => void;
  onLost: () => void;
}

export function useKioskEvents(url: string, handlers: KioskEventHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let delay = RETRY_FIRST_MS;
    let stopped = false;

    const open = () => {
      source = new EventSource(url);
      source.onopen = () => {
        delay = RETRY_FIRST_MS;
        latest.current.onOpen();
      };
      source.onerror = () => {
        latest.current.onLost();
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        retryTimer = window.setTimeout(open, delay);
        delay = Math.min(delay * 1.5, RETRY_MAX_MS);
      };
      for (const name of KIOSK_EVENT_NAMES) {
        source.addEventListener(name, (message: MessageEvent<string>) => {
          const parsed = parseKioskEvent(name, message.data);
          if (parsed.ok) latest.current.onEvent(parsed.event);
          else console.warn(`kiosk: dropped server event (${parsed.reason})`);
        });
      }
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, [url]);
}
