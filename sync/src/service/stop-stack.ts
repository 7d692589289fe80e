import type { Logger } from '../logger.js';

/**
 * What a service has started, stopped in reverse order: each part pushes its stop as soon as it is
 * up, so a start that fails half-way stops exactly what it had started. A stop that fails is
 * logged and the rest still stop.
 */
export class StopStack {
  readonly #stops: Array<() => unknown> = [];
  readonly #logger: Logger;
  readonly #what: string;

  constructor(logger: Logger, what: string) {
    this.#logger = logger;
    this.#what = what;
  }

  push(stop: () => unknown): void {
    this.#stops.push(stop);
  }

  readonly stopAll = async (): Promise<void> => {
    for (const stop of this.#stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        this.#logger.error({ err }, `error while stopping ${this.#what}`);
      }
    }
  };
}
