// Cloudbeds' published contract for the calls roompost makes: the PMS API v1.3 OpenAPI document,
// cut down in ./contract (source, version and licence in its $comment).
import { createRequire } from 'node:module';
import {
  type ContractDocument,
  createPublishedContract,
  type PublishedContract,
} from '../http/published-contract.js';

const require = createRequire(import.meta.url);

export function createCloudbedsContract(): PublishedContract {
  return createPublishedContract(require('./contract/cloudbeds-operations.json') as ContractDocument);
}
