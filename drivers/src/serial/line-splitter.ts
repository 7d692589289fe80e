/**
 * Splits a byte stream into text lines, dropping noise: a line with control characters (other
 * than tab) or bytes that are not printable ASCII/Latin-1, or longer than `maxLength` before its
 * end arrives, is not a line any of our devices sends. Dropped input is counted with its reason.
 */
export class LineSplitter {
  readonly #maxLength: number;
  #pending = '';
  #overflow = false;

  constructor(maxLength = 256) {
    this.#maxLength = maxLength;
  }

  /** Feeds bytes; returns the clean lines completed and the reasons for anything dropped. */
  push(chunk: Buffer): { lines: string[]; dropped: string[] } {
    const lines: string[] = [];
    const dropped: string[] = [];
    const parts = (this.#pending + chunk.toString('latin1')).split('\n');
    this.#pending = parts.pop() ?? '';
    for (const raw of parts) {
      const text = raw.replace(/\r$/, '');
      if (this.#overflow || text.length > this.#maxLength) dropped.push('line too long');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for
      else if (/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text)) dropped.push('control characters');
      else if (text.length > 0) lines.push(text);
      this.#overflow = false;
    }
    if (this.#pending.length > this.#maxLength) {
      this.#pending = '';
      this.#overflow = true;
    }
    return { lines, dropped };
  }
}
