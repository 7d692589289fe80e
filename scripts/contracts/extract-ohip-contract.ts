// Keeps, from Oracle's published OHIP OpenAPI (Swagger 2.0) documents, the operations roompost calls:
// their parameters (path, query, header), request body and 200 answer, with every definition they
// reference. The OHIP simulator validates each request against it and tests check its answers.
// Source: github.com/oracle/hospitality-api-docs, rest-api-specs/property/{rsv,csh}.json, under the
// Universal Permissive License 1.0. Run again when Oracle publishes a new release:
//   tsx scripts/contracts/extract-ohip-contract.ts <hospitality-api-docs checkout> <commit>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OPERATIONS = [
  { spec: 'rsv', operationId: 'getHotelReservations' },
  { spec: 'csh', operationId: 'postBillingCharges' },
  { spec: 'csh', operationId: 'getFolio' },
];
const OUT = new URL('../../central/src/pms/ohip/contract/ohip-operations.json', import.meta.url);

const [root, commit] = process.argv.slice(2);
if (!root || !commit) {
  console.error('usage: extract-ohip-contract.ts <hospitality-api-docs> <commit>');
  process.exit(2);
}

type Json = Record<string, unknown>;
const definitions: Record<string, Json> = {};
const operations: Json[] = [];
let release = '';

for (const { spec, operationId } of OPERATIONS) {
  const doc = JSON.parse(readFileSync(join(root, 'rest-api-specs/property', `${spec}.json`), 'utf8')) as Json;
  release ||= String((doc.info as Json).description).match(/release ([\d.]+)/)?.[1] ?? '';
  const defs = doc.definitions as Record<string, Json>;
  const shared = doc.parameters as Record<string, Json>;
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string') {
      const name = ref.split('/').pop() ?? '';
      // Names are unique per document; prefix with the spec so rsv and csh cannot collide.
      (node as Json).$ref = `#/definitions/${spec}.${name}`;
      if (!(`${spec}.${name}` in definitions)) {
        const copy = structuredClone(defs[name]) as Json;
        definitions[`${spec}.${name}`] = copy;
        collect(copy);
      }
      return;
    }
    for (const v of Object.values(node)) collect(v);
  };
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.operationId !== operationId) continue;
      const parameters = (op.parameters as Json[]).map((p) =>
        typeof p.$ref === 'string'
          ? (structuredClone(shared[p.$ref.split('/').pop() ?? '']) as Json)
          : structuredClone(p),
      );
      const body = parameters.find((p) => p.in === 'body');
      const answer = structuredClone((op.responses as Record<string, Json>)['200']?.schema ?? null);
      collect(body);
      collect(answer);
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path: `${doc.basePath}${path}`,
        // Swagger 2.0 keeps a parameter's type on the parameter; OpenAPI 3 (and our checks) under `schema`.
        parameters: parameters
          .filter((p) => p.in !== 'body')
          .map(({ name, in: where, required, description: _, ...schema }) => ({
            name,
            in: where,
            required,
            schema,
          })),
        body: body ? { contentType: 'application/json', schema: body.schema } : null,
        answer,
      });
    }
  }
}

writeFileSync(
  OUT,
  `${JSON.stringify({
    $comment: `From Oracle Hospitality OHIP OpenAPI (OPERA Cloud release ${release}), github.com/oracle/hospitality-api-docs commit ${commit}, rest-api-specs/property/{rsv,csh}.json; Universal Permissive License v1.0, Copyright (c) 2020, 2026 Oracle and/or its affiliates. Only the operations roompost calls; see scripts/contracts/extract-ohip-contract.ts.`,
    operations,
    definitions,
  })}\n`,
);
console.log(
  `wrote ${OUT.pathname}: ${operations.length} operations, ${Object.keys(definitions).length} definitions`,
);
