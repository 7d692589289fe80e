import { CodedError } from '@roompost/sync';

/** The edge's refusals, with a contract code; the HTTP error handler gives them their status. */
export class EdgeError extends CodedError {
  override readonly name = 'EdgeError';
}
