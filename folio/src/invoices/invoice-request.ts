// Validated requests of the invoice service: which folio, billed to whom, over which service dates.
import { invalid, optionalText, requireIsoDate, requireText } from '../validation.js';
import type { Party } from './invoice-document.js';
import { optionalGstin, optionalStateCode } from './invoice-settings.js';

export interface BillToInput {
  name: string;
  address?: string | null;
  gstin?: string | null;
  stateCode?: string | null;
}

export interface InvoiceRequest {
  folioId: string;
  /** Defaults to the stay's guest, without address or GSTIN. */
  billTo?: BillToInput;
  /** Only postings with a service date in this range (an interim invoice of a long stay). */
  servicePeriod?: { from: string; to: string };
}

export interface ValidInvoiceRequest {
  folioId: string;
  billTo: Party | null;
  servicePeriod: { from: string; to: string } | null;
}

export function validateInvoiceRequest(input: InvoiceRequest): ValidInvoiceRequest {
  const folioId = requireText(input.folioId, 'folioId', 100);
  let servicePeriod: ValidInvoiceRequest['servicePeriod'] = null;
  if (input.servicePeriod !== undefined) {
    const from = requireIsoDate(input.servicePeriod.from, 'servicePeriod.from');
    const to = requireIsoDate(input.servicePeriod.to, 'servicePeriod.to');
    if (to < from) throw invalid('servicePeriod.to', 'must not be before servicePeriod.from', { from, to });
    servicePeriod = { from, to };
  }
  const billTo =
    input.billTo === undefined
      ? null
      : {
          name: requireText(input.billTo.name, 'billTo.name', 200),
          address: optionalText(input.billTo.address, 'billTo.address', 400),
          gstin: optionalGstin(input.billTo.gstin, 'billTo.gstin'),
          stateCode: optionalStateCode(input.billTo.stateCode, 'billTo.stateCode'),
        };
  if (billTo?.gstin && billTo.stateCode === null) billTo.stateCode = billTo.gstin.slice(0, 2);
  return { folioId, billTo, servicePeriod };
}
