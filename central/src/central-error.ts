import { CodedError } from '@roompost/sync';

/** Central's refusals, with a contract code; the HTTP error handler gives them their status. */
export class CentralError extends CodedError {
  override readonly name = 'CentralError';
}
