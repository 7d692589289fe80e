// Seed 004 §4: the ways a guest pays. A reference is what finds the money again: card authorisation,
// UPI/bank transaction id, gateway id, cheque number, company account code.

export const PAYMENT_METHODS = [
  'CASH',
  'CARD',
  'UPI',
  'BANK_TRANSFER',
  'ONLINE_GATEWAY',
  'CHEQUE',
  'COMPANY_ACCOUNT',
  'LOYALTY_POINTS',
] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const NEEDS_REFERENCE: ReadonlySet<PaymentMethod> = new Set([
  'CARD',
  'UPI',
  'BANK_TRANSFER',
  'ONLINE_GATEWAY',
  'CHEQUE',
  'COMPANY_ACCOUNT',
]);

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && (PAYMENT_METHODS as readonly string[]).includes(value);
}

export function needsReference(method: PaymentMethod): boolean {
  return NEEDS_REFERENCE.has(method);
}

export function methodLabel(method: PaymentMethod): string {
  return method
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
