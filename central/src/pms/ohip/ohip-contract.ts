// OPERA Cloud's published contract for the calls roompost makes: Oracle's OHIP OpenAPI documents
// (rsv.json, csh.json), cut down in ./contract (source, release and licence in its $comment). The
// simulator refuses what the gateway would refuse: no x-app-key or x-hotelid, an x-app-key that is not
// the documented UUID, an unknown query parameter, a body off the schema.
import { createRequire } from 'node:module';
import {
  type ContractDocument,
  createPublishedContract,
  type PublishedContract,
} from '../http/published-contract.js';

const require = createRequire(import.meta.url);

export function createOhipContract(): PublishedContract {
  return createPublishedContract(require('./contract/ohip-operations.json') as ContractDocument);
}
