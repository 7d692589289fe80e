// Table of migration 20261207T1700: each invoice e-mail asked for, keyed by the request's idempotency key.

export type InvoiceEmailStatus = 'sent' | 'failed';

export interface InvoiceEmailTable {
  request_id: string;
  invoice_number: string;
  address: string;
  status: InvoiceEmailStatus;
  /** The Message-ID sent (the same on every attempt of this request). */
  message_id: string;
  attempts: number;
  requested_by: string;
  requested_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface InvoiceEmailDatabase {
  invoice_emails: InvoiceEmailTable;
}
