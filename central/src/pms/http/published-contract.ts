// A vendor's published OpenAPI contract, cut down to the operations roompost calls (see
// scripts/contracts/), turned into checks: the PMS simulators refuse any request the real service's
// contract does not allow, and tests check the simulators' answers against the documented shapes.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}
export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: ContractParameter[];
  body: { contentType: string; schema: object } | null;
  answer: object | null;
}
export interface ContractDocument {
  operations: ContractOperation[];
  definitions: Record<string, object>;
}

export interface ContractCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface PublishedContract {
  /** Which operation a call is, and every way it breaks the published contract. */
  checkRequest(call: ContractCall): { operationId: string | null; violations: string[] };
  checkAnswer(operationId: string, body: unknown): string[];
}

const describe = (errors: ErrorObject[] | null | undefined, root: string): string[] =>
  (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `${root}${e.instancePath.replace(/\//g, '.')} ${e.message ?? e.keyword}${extra}`;
  });

/** `items[0][itemPrice]=1` → `{ items: [{ itemPrice: '1' }] }`, as PHP-style APIs read a form. */
export function decodeNestedForm(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const parts = key.split(/[[\]]+/).filter((p) => p !== '');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const slot = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[slot] = value;
      else {
        container[slot] ??= /^\d+$/.test(parts[i + 1] ?? '') ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

/** An array query parameter: repeated (`multi`) or comma-separated (Swagger 2.0's default `csv`). */
function listOrValue(p: ContractParameter, query: URLSearchParams, raw: string): unknown {
  const schema = p.schema as { type?: string; collectionFormat?: string } | undefined;
  if (p.in !== 'query' || schema?.type !== 'array') return raw;
  const all = query.getAll(p.name);
  return schema.collectionFormat === 'multi' ? all : all.flatMap((v) => v.split(','));
}

export function createPublishedContract(doc: ContractDocument): PublishedContract {
  // Formats (date, date-time…) would need a plugin; the shapes, types and required members are checked.
  const strict = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  // A form or a query string carries text: "12.50" is a number, "true" a boolean.
  const coercing = new Ajv({ allErrors: true, strict: false, validateFormats: false, coerceTypes: true });
  for (const ajv of [strict, coercing]) ajv.addSchema({ $id: 'vendor', definitions: doc.definitions });
  const compile = (ajv: Ajv, s: object): ValidateFunction =>
    ajv.compile(JSON.parse(JSON.stringify(s).replaceAll('"#/definitions/', '"vendor#/definitions/')));
  const operations = doc.operations.map((op) => {
    const form = op.body?.contentType === 'application/x-www-form-urlencoded';
    return {
      op,
      form,
      route: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
      pathNames: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
      params: op.parameters.map((p) => ({
        p,
        check: compile(coercing, { type: 'object', properties: { [p.name]: p.schema ?? {} } }),
      })),
      body: op.body ? compile(form ? coercing : strict, op.body.schema) : null,
      answer: op.answer ? compile(strict, op.answer) : null,
    };
  });

  return {
    checkRequest(call) {
      const hit = operations.find((o) => o.op.method === call.method && o.route.test(call.path));
      if (!hit)
        return {
          operationId: null,
          violations: [`${call.method} ${call.path} is not a published operation`],
        };
      const violations: string[] = [];
      const pathValues = hit.route.exec(call.path)?.slice(1) ?? [];
      const header = (name: string) => {
        const v = call.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      };
      for (const { p, check } of hit.params) {
        const raw =
          p.in === 'header'
            ? header(p.name)
            : p.in === 'query'
              ? (call.query.get(p.name) ?? undefined)
              : p.in === 'path'
                ? pathValues[hit.pathNames.indexOf(p.name)]
                : undefined;
        if (raw === undefined) {
          if (p.required) violations.push(`${p.in} ${p.name} is required`);
          continue;
        }
        if (!check({ [p.name]: p.in === 'path' ? decodeURIComponent(raw) : listOrValue(p, call.query, raw) }))
          violations.push(...describe(check.errors, p.in));
      }
      const known = new Set(hit.op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of new Set(call.query.keys()))
        if (!known.has(name)) violations.push(`query ${name} is not a parameter of ${hit.op.operationId}`);
      if (hit.body) {
        let body: unknown;
        try {
          body = hit.form
            ? decodeNestedForm(new URLSearchParams(call.body))
            : JSON.parse(call.body || 'null');
        } catch {
          body = Symbol('unparseable');
        }
        if (typeof body === 'symbol') violations.push('body is not valid JSON');
        else if (!hit.body(body)) violations.push(...describe(hit.body.errors, 'body'));
      }
      return { operationId: hit.op.operationId, violations };
    },
    checkAnswer(operationId, body) {
      const hit = operations.find((o) => o.op.operationId === operationId);
      if (!hit?.answer) return [`${operationId} has no documented answer`];
      return hit.answer(body) ? [] : describe(hit.answer.errors, 'answer');
    },
  };
}
