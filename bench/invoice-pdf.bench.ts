// How long the PDF of a 200-line invoice takes to render, against the HTML page of the same document
// rendered in the same run (the baseline: what the front desk prints today). Goal: ≤ 200 ms for 200 lines.
// Prints: figure, measured, baseline, ratio, goal, met|MISSED. Median of BENCH_N runs after a warm-up.
//   npm run bench:invoice-pdf
import os from 'node:os';
import { buildInvoice, type InvoicePosting, invoiceHtml, invoicePdf } from '@roompost/folio';

const LINES = Number(process.env.BENCH_LINES ?? 200);
const N = Number(process.env.BENCH_N ?? 7);
const GOAL_MS = 200;

const postings: InvoicePosting[] = Array.from({ length: LINES }, (_, i) => ({
  id: `p${i}`,
  type: i % 3 === 0 ? 'ROOM' : 'POS',
  amountMinor: 150_000 + i * 37,
  description: i % 3 === 0 ? `Room night ${i}` : `Chandni Mahal - Check #${1000 + i}`,
  serviceDate: '2026-11-22',
  taxDate: '2026-11-22',
  nightDate: '2026-11-22',
  unit: `room-${i}`,
  category: i % 3 === 0 ? 'ROOM' : 'FOOD_BEVERAGE',
  sac: null,
  outletTaxed: false,
  generatedTax: false,
}));
const doc = {
  ...buildInvoice({
    folioId: 'bench',
    currency: 'INR',
    regime: 'IN_GST',
    issueDate: '2026-11-23',
    supplier: {
      name: 'Amber Haveli Hospitality Pvt Ltd',
      address: 'Amer Road, जयपुर',
      gstin: '08AAKCA4521M1ZH',
      stateCode: '08',
    },
    billTo: { name: 'Deccan Textiles Pvt Ltd', address: 'Pune', gstin: '27AADCD7788K1ZY', stateCode: '27' },
    placeOfSupply: '08',
    specifiedPremises: true,
    stayArrival: '2026-11-01',
    postings,
  }),
  status: 'FINALIZED' as const,
  number: 'AH/26-27/00042',
};
const meta = { finalizedAt: '2026-11-23T06:00:00.000Z', finalizedBy: 'bench', creditedBy: null };

/**
 * Median wall time and median CPU time (user + system of this process) of `work`. On a shared machine
 * under load the wall time mostly measures the other processes; the CPU time is what the render costs.
 */
async function median(work: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  await work();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(cpu);
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpus.push((used.user + used.system) / 1e3);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: mid(walls), cpu: mid(cpus) };
}

const baseline = await median(() => invoiceHtml(doc, meta));
const measured = await median(() => invoicePdf(doc, meta));
console.log('figure, measured, baseline, ratio, goal, met|MISSED');
for (const kind of ['wall', 'cpu'] as const) {
  console.log(
    [
      `invoice PDF of ${LINES} lines (ms ${kind === 'wall' ? 'wall' : 'CPU'} time; baseline: HTML page of the same document)`,
      measured[kind].toFixed(1),
      baseline[kind].toFixed(1),
      (measured[kind] / baseline[kind]).toFixed(1),
      `<= ${GOAL_MS} ms`,
      measured[kind] <= GOAL_MS ? 'met' : 'MISSED',
    ].join(', '),
  );
}
console.log(
  `# load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
