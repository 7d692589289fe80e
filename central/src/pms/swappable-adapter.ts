import type { Logger } from '@roompost/sync';
import type { PmsAdapter } from './adapter.js';

export interface SwappableAdapter extends PmsAdapter {
  /** Routes every new call to `next`; closes the previous adapter once its calls in flight settled. */
  swap(next: PmsAdapter): Promise<void>;
}

/**
 * The adapter central hands to the pipeline, the RPC server and the routes: a stable object that
 * forwards to the adapter of the current PMS config, so `PUT /api/pms/config` changes the PMS
 * without a restart. A call that started on the old adapter finishes there (a posting is never cut
 * off mid-attempt); the old adapter is closed only after its last such call.
 */
export function swappableAdapter(initial: PmsAdapter, logger: Logger): SwappableAdapter {
  let current = initial;
  const inFlight = new Map<PmsAdapter, Set<Promise<unknown>>>();
  const track = <T>(adapter: PmsAdapter, work: Promise<T>): Promise<T> => {
    const set = inFlight.get(adapter) ?? new Set<Promise<unknown>>();
    inFlight.set(adapter, set);
    set.add(work);
    return work.finally(() => set.delete(work));
  };
  const call =
    <A extends unknown[], R>(pick: (a: PmsAdapter) => ((...args: A) => Promise<R>) | undefined) =>
    (...args: A): Promise<R> => {
      const adapter = current;
      const fn = pick(adapter);
      if (!fn) return Promise.reject(new Error(`the ${adapter.kind} adapter lacks this operation`));
      return track(adapter, fn.apply(adapter, args));
    };
  const optional = <K extends 'voidCharge' | 'findPosting' | 'lookupByName' | 'guestProfile' | 'postCharges'>(
    key: K,
  ) => ({
    get() {
      return current[key] ? call((a) => a[key] as never) : undefined;
    },
    enumerable: true,
  });
  const swappable = {
    get kind() {
      return current.kind;
    },
    get features() {
      return current.features;
    },
    get postingConcurrency() {
      return current.postingConcurrency;
    },
    testConnection: call((a) => a.testConnection),
    lookupRoom: call((a) => a.lookupRoom),
    lookupCredential: call((a) => a.lookupCredential),
    postCharge: call((a) => a.postCharge),
    async close() {
      await Promise.allSettled(inFlight.get(current) ?? []);
      await current.close();
    },
    async swap(next: PmsAdapter) {
      const old = current;
      current = next;
      await Promise.allSettled(inFlight.get(old) ?? []);
      inFlight.delete(old);
      await old
        .close()
        .catch((err: unknown) => logger.warn({ err }, 'closing the previous PMS adapter failed'));
      logger.info({ from: old.kind, to: next.kind }, 'PMS adapter replaced');
    },
  } as SwappableAdapter;
  Object.defineProperties(swappable, {
    voidCharge: optional('voidCharge'),
    findPosting: optional('findPosting'),
    lookupByName: optional('lookupByName'),
    guestProfile: optional('guestProfile'),
    postCharges: optional('postCharges'),
  });
  return swappable;
}
