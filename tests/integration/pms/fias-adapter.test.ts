import { fiasHarness } from './fias-harness.js';
import { runPmsAdapterContract } from './pms-adapter.contract.js';

// The shared contract, against the FIAS PMS simulator over real TCP. The replay case is skipped by
// the contract itself (with its reason printed): FIAS has no idempotency key.
runPmsAdapterContract('fias', fiasHarness);
