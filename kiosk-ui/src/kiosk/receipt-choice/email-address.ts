// The e-mail address typed on the on-screen keyboard: a quick check before the edge's own.

const ADDRESS = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/;
export const EMAIL_MAX = 254;

export function isEmailAddress(text: string): boolean {
  return text.length <= EMAIL_MAX && ADDRESS.test(text);
}

/** Appends a key ("@", ".com", a letter) to the address, within the length limit. */
export function typeKey(address: string, key: string): string {
  const next = address + key;
  return next.length > EMAIL_MAX ? address : next;
}
