// Reading a configured PMS's answers: where its error code, message and success flag sit, and how
// its codes map to ours. Everything here is driven by `config.errors`.

import type { PmsChargeRequest } from '../adapter.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import { type HttpAnswer, lostAnswer } from '../http/http-client.js';
import { parseJson, tryJson } from '../http/json-answer.js';
import { decimalToMinor, minorToDecimal } from '../http/money.js';
import { postingLines } from '../posting-lines.js';
import { getPath, type TemplateValues } from './json-template.js';
import type { RestPmsConfig } from './rest-config.js';

/** The body of a successful answer, or the PmsError the configured error fields describe. */
export function readAnswer(
  answer: HttpAnswer,
  config: RestPmsConfig,
  notFound: 'ROOM_NOT_FOUND' | null,
): unknown {
  const e = config.errors;
  const body = answer.status < 400 ? parseJson(answer) : tryJson(answer);
  const failed = answer.status >= 400 || (e.success !== undefined && getPath(body, e.success) === false);
  if (!failed) return body;
  const code = e.code === undefined ? undefined : getPath(body, e.code);
  const text = e.message === undefined ? undefined : getPath(body, e.message);
  const message = typeof text === 'string' && text ? text : `HTTP ${answer.status}`;
  const context = { status: answer.status, pmsCode: code ?? null };
  const mapped = code === undefined || code === null ? undefined : e.map[String(code)];
  if (mapped) return fail(refusal(mapped, message, context));
  if (answer.status === 404 && notFound) return fail(refusal(notFound, message, context));
  if (answer.status === 403 && code === undefined) {
    return fail(
      new PmsError('CONNECTION_FAILED', `${config.name} refused access`, {
        context: { ...context, auth: true },
      }),
    );
  }
  return fail(refusal(classifyMessage(message, config.messagePatterns), message, context));
}

function fail(err: PmsError): never {
  throw err;
}

/** A required value of a successful answer; missing means we cannot tell what happened. */
export function required(answer: HttpAnswer, body: unknown, path: string): unknown {
  const value = getPath(body, path);
  if (value === undefined || value === null || value === '') {
    throw lostAnswer(answer.kind, `the answer has nothing at ${path}`, { status: answer.status });
  }
  return value;
}

export function amountIn(
  config: Pick<RestPmsConfig, 'amounts'>,
  value: unknown,
  currency: string,
): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  if (config.amounts === 'minor') return Number.isSafeInteger(Number(value)) ? Number(value) : null;
  try {
    return decimalToMinor(value, currency);
  } catch {
    return null;
  }
}

/** The placeholder values of a charge, amounts in the configured unit. */
export function chargeValues(config: RestPmsConfig, c: PmsChargeRequest): TemplateValues {
  const amount = (minor: number) => (config.amounts === 'minor' ? minor : minorToDecimal(minor, c.currency));
  return {
    chargeId: c.chargeId,
    roomNumber: c.roomNumber,
    stayRef: c.stayRef,
    outletCode: c.outletCode,
    checkNumber: c.checkNumber,
    description: c.description,
    currency: c.currency,
    subtotal: amount(c.subtotalMinor),
    tax: amount(c.taxMinor),
    tip: amount(c.tipMinor),
    total: amount(c.totalMinor),
    items: c.items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: amount(i.unitPriceMinor),
      amount: amount(i.amountMinor),
      tax: amount(i.taxMinor),
    })),
    employeeId: c.employeeId,
    createdAt: c.createdAt,
    pmsCode: c.outletPmsCodes?.rest?.code ?? c.outletCode,
    // The check as the posting options lay it out (summarized or itemized, tip apart or folded in).
    lines: postingLines(c).map((l) => ({
      kind: l.kind,
      name: l.name,
      quantity: l.quantity,
      unitPrice: amount(l.unitMinor),
      amount: amount(l.amountMinor),
      tax: amount(l.taxMinor),
    })),
  };
}
