/** Injected so tests control time: debounce windows and event timestamps read it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
