// Run as its own process by invoice-numbering.test.ts: finalizes the given folios on its own SQLite
// (or PostgreSQL) connection and prints one JSON line per folio, so two of these race for the same invoice counter.
import { setTimeout as sleep } from 'node:timers/promises';
import { createInvoiceService, type FolioDatabase, isFolioError } from '@roompost/folio';
import { openStoreAt } from './folio-fixture.js';

const [file, list] = process.argv.slice(2);
if (!file || !list) throw new Error('usage: finalize-worker.ts <sqlite file or postgres url> <folioId,…>');
const store = openStoreAt<FolioDatabase>(file);
const invoices = createInvoiceService(store.db, { clock: { now: () => new Date('2025-11-15T07:00:00Z') } });
// Start barrier: say "ready" once open, then wait for the parent's "go" so both workers race.
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
const results: Array<{ folioId: string; number?: string; code?: string }> = [];
for (const folioId of list.split(',')) {
  try {
    const invoice = await invoices.finalizeInvoice({ folioId, finalizedBy: `worker-${process.pid}` });
    results.push({ folioId, number: invoice.number });
  } catch (error) {
    if (!isFolioError(error)) throw error;
    results.push({ folioId, code: error.code });
  }
  // Let the other worker in: SQLite's busy handler backs off, so a writer that never pauses starves it.
  await sleep(10);
}
await store.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
