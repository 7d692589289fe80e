// Checks OHIP requests and answers against the operations kept from Oracle's published OpenAPI
// documents (./contract/ohip-operations.json; source, release and licence in its $comment). The OHIP
// simulator refuses any request the real gateway would refuse (missing x-app-key or x-hotelid, an
// x-app-key that is not the documented UUID, unknown query parameters, a body off the schema), and the
// tests check the simulator's own answers against the documented shapes.
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  type?: string;
  enum?: string[];
  pattern?: string;
  maxLength?: number;
}
interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body: object | null;
  answer: object | null;
}

const require = createRequire(import.meta.url);
const contract = require('./contract/ohip-operations.json') as {
  operations: Operation[];
  definitions: Record<string, object>;
};

export interface OhipCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface OhipContract {
  /** The operation a call is, and every way it breaks the published contract. */
  checkRequest(call: OhipCall): { operationId: string | null; violations: string[] };
  checkAnswer(operationId: string, body: unknown): string[];
}

const describe = (errors: ErrorObject[] | null | undefined, root: string): string[] =>
  (errors ?? []).map((e) => `${root}${e.instancePath.replace(/\//g, '.')} ${e.message ?? e.keyword}`);

export function createOhipContract(): OhipContract {
  // The specs declare formats (date, date-time…) Ajv would need a plugin for; shapes are what we check.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'ohip', definitions: contract.definitions });
  const schema = (s: object): ValidateFunction =>
    ajv.compile(JSON.parse(JSON.stringify(s).replaceAll('"#/definitions/', '"ohip#/definitions/')));
  const compiled = contract.operations.map((op) => ({
    op,
    route: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
    pathNames: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
    body: op.body ? schema(op.body) : null,
    answer: op.answer ? schema(op.answer) : null,
  }));

  function checkParameter(p: Parameter, value: string | undefined, where: string): string[] {
    if (value === undefined) return p.required ? [`${where} ${p.name} is required`] : [];
    const out: string[] = [];
    if (p.enum && !p.enum.includes(value)) out.push(`${where} ${p.name} must be one of ${p.enum.join(', ')}`);
    if (p.pattern && !new RegExp(p.pattern).test(value))
      out.push(`${where} ${p.name} must match ${p.pattern}`);
    if (p.type === 'integer' && !/^-?\d+$/.test(value)) out.push(`${where} ${p.name} must be an integer`);
    if (p.maxLength !== undefined && value.length > p.maxLength)
      out.push(`${where} ${p.name} is longer than ${p.maxLength}`);
    return out;
  }

  return {
    checkRequest(call) {
      const hit = compiled.find((c) => c.op.method === call.method && c.route.test(call.path));
      if (!hit)
        return {
          operationId: null,
          violations: [`${call.method} ${call.path} is not a published operation`],
        };
      const violations: string[] = [];
      const pathValues = hit.route.exec(call.path)?.slice(1) ?? [];
      const header = (name: string): string | undefined => {
        const v = call.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      };
      for (const p of hit.op.parameters) {
        if (p.in === 'header') violations.push(...checkParameter(p, header(p.name), 'header'));
        if (p.in === 'query')
          violations.push(...checkParameter(p, call.query.get(p.name) ?? undefined, 'query'));
        if (p.in === 'path') {
          const value = pathValues[hit.pathNames.indexOf(p.name)];
          violations.push(
            ...checkParameter(p, value === undefined ? value : decodeURIComponent(value), 'path'),
          );
        }
      }
      const known = new Set(hit.op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of call.query.keys())
        if (!known.has(name)) violations.push(`query ${name} is not a parameter of ${hit.op.operationId}`);
      if (hit.body && !hit.body(call.body)) violations.push(...describe(hit.body.errors, 'body'));
      return { operationId: hit.op.operationId, violations };
    },
    checkAnswer(operationId, body) {
      const hit = compiled.find((c) => c.op.operationId === operationId);
      if (!hit?.answer) return [`${operationId} has no documented answer`];
      return hit.answer(body) ? [] : describe(hit.answer.errors, 'answer');
    },
  };
}
