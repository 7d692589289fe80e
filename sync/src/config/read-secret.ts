// Secrets for the command-line tools (roompost-central init, roompost-provision): never from argv.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** The first line of a file (a password never goes on a command line). */
export function secretFromFile(file: string): string {
  return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** Asks on the terminal without echo; on a pipe, reads the first line of stdin. */
export async function promptSecret(question: string): Promise<string> {
  const interactive = process.stdin.isTTY === true;
  if (interactive) process.stderr.write(question);
  const rl = createInterface({
    input: process.stdin,
    output: new Writable({ write: (_c, _e, done) => done() }),
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
