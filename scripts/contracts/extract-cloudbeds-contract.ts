// Keeps, from Cloudbeds' published PMS API v1.3 OpenAPI document, the operations roompost calls
// (access_token, getReservations, postCustomItem, postVoidItem): parameters, request body and 200 answer, every
// $ref resolved into `definitions`. The Cloudbeds simulator validates each request against it.
// Source: github.com/cloudbeds/openapi-specs, src/pms-v1.3-openapi.yaml, MIT licence (c) Cloudbeds.
//   tsx scripts/contracts/extract-cloudbeds-contract.ts <openapi-specs checkout> <commit>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const OPERATIONS = [
  { method: 'post', path: '/access_token' },
  { method: 'get', path: '/getReservations' },
  { method: 'post', path: '/postCustomItem' },
  { method: 'post', path: '/postVoidItem' },
];
const OUT = new URL('../../central/src/pms/cloudbeds/contract/cloudbeds-operations.json', import.meta.url);

const [root, commit] = process.argv.slice(2);
if (!root || !commit) {
  console.error('usage: extract-cloudbeds-contract.ts <openapi-specs> <commit>');
  process.exit(2);
}
type Json = Record<string, unknown>;
const doc = parse(readFileSync(join(root, 'src/pms-v1.3-openapi.yaml'), 'utf8')) as Json;
const components = doc.components as Record<string, Record<string, Json>>;
const definitions: Record<string, Json> = {};
const resolve = (ref: string): Json => {
  const [, , section = '', name = ''] = ref.split('/');
  return components[section]?.[name] as Json;
};
const collect = (node: unknown): void => {
  if (!node || typeof node !== 'object') return;
  const ref = (node as Json).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.split('/').pop() ?? '';
    (node as Json).$ref = `#/definitions/${name}`;
    if (!(name in definitions)) {
      const copy = structuredClone(resolve(ref));
      definitions[name] = copy;
      collect(copy);
    }
    return;
  }
  for (const v of Object.values(node)) collect(v);
};

const operations = OPERATIONS.map(({ method, path }) => {
  const op = (doc.paths as Record<string, Record<string, Json>>)[path]?.[method];
  if (!op) throw new Error(`${method} ${path} is not in the document`);
  const parameters = ((op.parameters ?? []) as Json[]).map((p) =>
    structuredClone(typeof p.$ref === 'string' ? resolve(p.$ref) : p),
  );
  const content = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
  const answer = structuredClone(
    ((op.responses as Record<string, Json>)['200']?.content as Record<string, Json> | undefined)?.[
      'application/json'
    ]?.schema ?? null,
  );
  const body = media ? structuredClone(media.schema) : null;
  collect(parameters);
  collect(body);
  collect(answer);
  return {
    operationId: path.slice(1),
    method: method.toUpperCase(),
    path: `/api/v1.3${path}`,
    parameters: parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required === true,
      schema: p.schema,
    })),
    body: body ? { contentType, schema: body } : null,
    answer,
  };
});

writeFileSync(
  OUT,
  `${JSON.stringify({
    $comment: `From Cloudbeds PMS API ${String((doc.info as Json).version)} OpenAPI, github.com/cloudbeds/openapi-specs commit ${commit}, src/pms-v1.3-openapi.yaml; MIT licence, Copyright (c) 2025 Cloudbeds. Only the operations roompost calls; see scripts/contracts/extract-cloudbeds-contract.ts.`,
    operations,
    definitions,
  })}\n`,
);
console.log(
  `wrote ${OUT.pathname}: ${operations.length} operations, ${Object.keys(definitions).length} definitions`,
);
