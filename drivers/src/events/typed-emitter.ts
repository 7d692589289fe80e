/**
 * A small typed event emitter. Unlike node:events, a listener that throws (or an async listener
 * that rejects) cannot break the driver that emitted: the failure goes to `onListenerError`, so a
 * bug in the kiosk's tap handler does not stop the card reader.
 */
export type Listener<T> = (payload: T) => void | Promise<void>;

/** The subscriber side of a typed emitter: event name → payload type. */
export interface Emitter<Events> {
  on<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this;
  once<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this;
  off<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this;
}

type Entry = { listener: Listener<never>; once: boolean };

export type ListenerErrorHandler = (error: unknown, event: string) => void;

export class TypedEmitter<Events> implements Emitter<Events> {
  readonly #listeners = new Map<string, Entry[]>();
  readonly #onListenerError: ListenerErrorHandler;

  constructor(onListenerError: ListenerErrorHandler) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    return this.#add(event, listener, false);
  }

  once<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    return this.#add(event, listener, true);
  }

  off<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    const entries = this.#listeners.get(event);
    if (!entries) return this;
    const index = entries.findIndex((entry) => entry.listener === listener);
    if (index >= 0) entries.splice(index, 1);
    return this;
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    const entries = this.#listeners.get(event);
    if (!entries || entries.length === 0) return;
    // Copy first: a listener may subscribe or unsubscribe while we iterate.
    for (const entry of [...entries]) {
      if (entry.once) this.off(event, entry.listener as Listener<Events[K]>);
      try {
        const result = (entry.listener as Listener<Events[K]>)(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.#onListenerError(error, event));
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }

  protected removeAllListeners(): void {
    this.#listeners.clear();
  }

  #add(event: string, listener: Listener<never>, once: boolean): this {
    const entries = this.#listeners.get(event);
    if (entries) entries.push({ listener, once });
    else this.#listeners.set(event, [{ listener, once }]);
    return this;
  }
}
