// Shared pieces of the folio engine's HTTP routes: ids, amounts (integer minor units or a decimal string
// in the property currency, never a float) and the payment part schema.
import { type FolioService, PAYMENT_METHODS, parseDecimalAmount } from '@roompost/folio';
import { z } from 'zod';
import { CentralError } from '../central-error.js';

export interface FolioRoutesDeps {
  folio: FolioService;
}

export const idParams = z.object({ id: z.string().trim().min(1).max(100) });
export const isoDate = z.iso.date('a date as YYYY-MM-DD');

/** Either `amountMinor` (integer minor units) or `amount` ("1500.50"), not both. */
export const amountFields = {
  amountMinor: z.number().int().optional().describe('integer minor units (paise, cents)'),
  amount: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'a decimal amount such as "1500.50"')
    .optional()
    .describe('decimal amount in the property currency; at most its decimal places'),
};

export const paymentPart = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    ...amountFields,
    reference: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** Resolves an `amountFields` pair to minor units; VALIDATION_FAILED names the field. */
export async function minorOf(
  folio: FolioService,
  value: { amountMinor?: number | undefined; amount?: string | undefined },
  field: string,
): Promise<number> {
  if ((value.amountMinor === undefined) === (value.amount === undefined)) {
    throw new CentralError('VALIDATION_FAILED', `${field}: give exactly one of amountMinor and amount`, {
      field,
    });
  }
  if (value.amountMinor !== undefined) return value.amountMinor;
  const property = await folio.getProperty();
  if (!property) throw new CentralError('NOT_FOUND', 'the property is not configured');
  try {
    return parseDecimalAmount(value.amount!, property.currency);
  } catch (error) {
    throw new CentralError('VALIDATION_FAILED', `${field}: ${(error as Error).message}`, {
      field: `${field}.amount`,
    });
  }
}

export async function paymentPartsOf(
  folio: FolioService,
  parts: Array<z.infer<typeof paymentPart>>,
  field: string,
) {
  const out = [];
  for (const [i, part] of parts.entries()) {
    out.push({
      method: part.method,
      amountMinor: await minorOf(folio, part, `${field}.${i}`),
      ...(part.reference === undefined ? {} : { reference: part.reference }),
    });
  }
  return out;
}
