// apaleo's published contract for the calls roompost makes: the Swagger documents of its inventory,
// booking and finance APIs, cut down in ./contract (source, version and licence in its $comment).
import { createRequire } from 'node:module';
import {
  type ContractDocument,
  createPublishedContract,
  type PublishedContract,
} from '../http/published-contract.js';

const require = createRequire(import.meta.url);

export function createApaleoContract(): PublishedContract {
  return createPublishedContract(require('./contract/apaleo-operations.json') as ContractDocument);
}
