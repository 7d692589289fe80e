import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** A secret from a file: its first line, without the line break. */
export function secretFromFile(file: string): string {
  return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** Asks for a secret on the terminal without echoing it; on a pipe, reads the first line of stdin. */
export async function promptSecret(question: string): Promise<string> {
  const interactive = process.stdin.isTTY === true;
  const muted = new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });
  if (interactive) process.stderr.write(question);
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? muted : undefined,
    terminal: interactive,
  });
  try {
    for await (const line of rl) return line.trimEnd();
    return '';
  } finally {
    rl.close();
    if (interactive) process.stderr.write('\n');
  }
}
