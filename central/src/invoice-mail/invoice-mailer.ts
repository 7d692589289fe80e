// A finalized invoice or credit note e-mailed as its PDF through the property's SMTP relay (central config
// `emailRelay`, the same schema as the edge's receipts). The desk waits for the relay's answer, so a clerk
// knows at once whether the guest has it. A request id is the idempotency key: a retry of a request the
// relay accepted answers from the record and sends nothing; a retry of a failed one sends again with the
// same Message-ID (mail clients de-duplicate by it).
import { type InvoiceService, invoicePdf } from '@roompost/folio';
import {
  describeRelayError,
  type EmailRelayConfig,
  openRelayTransport,
  type RelayTransport,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import { CentralError } from '../central-error.js';
import type { CentralDatabase } from '../db/central-database.js';
import { findInvoiceEmail, saveInvoiceEmail } from './invoice-email.repository.js';

export interface InvoiceMailerDeps {
  db: Kysely<CentralDatabase>;
  invoices: Pick<InvoiceService, 'getInvoice'>;
  /** Undefined: e-mail is not configured and every request answers EMAIL_NOT_CONFIGURED. */
  relay: EmailRelayConfig | undefined;
  now: () => Date;
  newId: () => string;
}

export interface InvoiceEmailRequest {
  number: string;
  to: string;
  /** Idempotency key; one is minted when absent (then a retry sends again). */
  requestId?: string | undefined;
  by: string;
}

export interface InvoiceEmailResult {
  requestId: string;
  number: string;
  to: string;
  messageId: string;
  sentAt: string;
  /** True when this request had been sent before and nothing was sent now. */
  duplicate: boolean;
}

export interface InvoiceMailer {
  send(request: InvoiceEmailRequest): Promise<InvoiceEmailResult>;
  close(): void;
}

export function createInvoiceMailer(deps: InvoiceMailerDeps): InvoiceMailer {
  const { db, invoices, relay, now, newId } = deps;
  let transport: Promise<RelayTransport> | undefined;

  return {
    async send(request) {
      if (!relay) {
        throw new CentralError(
          'EMAIL_NOT_CONFIGURED',
          'central.json has no emailRelay: invoices cannot be e-mailed',
        );
      }
      const requestId = request.requestId ?? newId();
      const earlier = await findInvoiceEmail(db, requestId);
      if (earlier && (earlier.invoice_number !== request.number || earlier.address !== request.to)) {
        throw new CentralError(
          'VALIDATION_FAILED',
          'this requestId was used for another invoice or address',
          {
            field: 'requestId',
          },
        );
      }
      if (earlier?.status === 'sent' && earlier.sent_at) {
        return {
          requestId,
          number: earlier.invoice_number,
          to: earlier.address,
          messageId: earlier.message_id,
          sentAt: earlier.sent_at,
          duplicate: true,
        };
      }
      const invoice = await invoices.getInvoice(request.number);
      const document = invoice.document;
      const pdf = await invoicePdf(document, {
        finalizedAt: invoice.finalizedAt,
        finalizedBy: invoice.finalizedBy,
        creditedBy: invoice.creditedBy,
      });
      const title = document.kind === 'CREDIT_NOTE' ? 'Credit note' : 'Invoice';
      const domain = relay.from.split('@')[1] ?? 'roompost.invalid';
      const messageId = earlier?.message_id ?? `<invoice.${requestId}@${domain}>`;
      const file = `${invoice.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
      const requestedAt = earlier?.requested_at ?? now().toISOString();
      const attempts = (earlier?.attempts ?? 0) + 1;
      const record = {
        request_id: requestId,
        invoice_number: invoice.number,
        address: request.to,
        message_id: messageId,
        attempts,
        requested_by: request.by,
        requested_at: requestedAt,
      };
      try {
        transport ??= openRelayTransport(relay);
        await (await transport).sendMail({
          from: relay.from,
          ...(relay.replyTo ? { replyTo: relay.replyTo } : {}),
          to: request.to,
          subject: `${title} ${invoice.number} - ${document.supplier.name}`,
          messageId,
          text:
            `Dear ${document.billTo.name},\n\nPlease find attached ${title.toLowerCase()} ${invoice.number} ` +
            `of ${document.issueDate} from ${document.supplier.name}.\n`,
          attachments: [{ filename: file, content: pdf, contentType: 'application/pdf' }],
        });
      } catch (err) {
        const error = describeRelayError(err);
        await saveInvoiceEmail(db, { ...record, status: 'failed', sent_at: null, last_error: error });
        throw new CentralError('EMAIL_NOT_SENT', `the SMTP relay did not take the e-mail: ${error}`, {
          context: { requestId, relayError: error },
        });
      }
      const sentAt = now().toISOString();
      await saveInvoiceEmail(db, { ...record, status: 'sent', sent_at: sentAt, last_error: null });
      return { requestId, number: invoice.number, to: request.to, messageId, sentAt, duplicate: false };
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}
