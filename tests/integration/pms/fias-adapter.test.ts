import { runPmsAdapterContract } from '@roompost/central/pms-contract';
import { fiasHarness } from './fias-harness.js';

// The shared contract, against the FIAS PMS simulator over real TCP. The replay case is skipped by
// the contract itself (with its reason printed): FIAS has no idempotency key.
runPmsAdapterContract('fias', fiasHarness);
