import { isDriverError, type PrintResult } from '@roompost/drivers';
import type { FastifyReply } from 'fastify';

const PRINT_ACTIONS: Partial<Record<string, string>> = {
  PAPER_OUT: 'Load a new paper roll, then try again',
  COVER_OPEN: 'Close the printer cover, then try again',
};

/**
 * A print job's answer: 200 when printed, 409 with the printer's code when not (nothing else
 * changes: a charge is never affected, the kiosk shows the reason and offers to try again).
 * `after` runs either way (the printer's health is refreshed).
 */
export async function printed(reply: FastifyReply, job: () => Promise<PrintResult>, after: () => void) {
  try {
    const result = await job();
    return reply.status(200).send({ printed: true, printedAt: result.printedAt.toISOString() });
  } catch (err) {
    if (!isDriverError(err)) throw err;
    return reply.status(409).send({
      printed: false,
      code: err.code,
      message: err.message,
      action: PRINT_ACTIONS[err.code] ?? 'Check the printer (power, paper, cable), then try again',
    });
  } finally {
    after();
  }
}
