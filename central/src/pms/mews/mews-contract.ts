// Checks a Connector API request body against Mews' published reference (the JSON Schema extracted
// from it in ./contract, see its $comment for source and version). The Mews simulator refuses what
// the real service would refuse, so an adapter that drifts from the contract fails its tests.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const contract = require('./contract/connector-requests.schema.json') as {
  operations: Record<string, object>;
  definitions: Record<string, object>;
};

export type MewsContractCheck = (operation: string, body: unknown) => string[];

/** Compiles the published request schemas once; the returned check lists every violation. */
export function createMewsContractCheck(): MewsContractCheck {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map<string, ValidateFunction>();
  for (const [operation, schema] of Object.entries(contract.operations))
    validators.set(operation, ajv.compile({ ...schema, definitions: contract.definitions }));
  return (operation, body) => {
    const validate = validators.get(operation);
    if (!validate) return [`${operation} is not an operation roompost's contract knows`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath === '' ? 'request' : e.instancePath.slice(1).replace(/\//g, '.');
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
      return `${where} ${e.message ?? e.keyword}${extra}`;
    });
  };
}
