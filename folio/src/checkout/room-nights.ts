// Posting room nights (issue #4's night audit will call this per business date). Each night is one ROOM
// line, plus one SURCHARGE line for extras above base occupancy, keyed (folio, stay date, code): a re-run
// finds the key and posts nothing new. Taxes are not posted here: the invoice computes them per line
// from the stay date (folio/src/tax), so a TAX line here would count them twice.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import type { FullFolioRow, FullPostingRow } from '../folios/ledger-writer.js';
import { writePosting } from '../folios/ledger-writer.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import type { ReservationNightRow, ReservationRow } from '../reservations/reservation.repository.js';

type Db = Kysely<FolioDatabase>;

export const ROOM_CODE = 'ROOM';
export const EXTRA_CODE = 'EXTRA';

export async function postedNightKeys(db: Db, folioId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('postings')
    .select(['stay_date', 'code'])
    .where('folio_id', '=', folioId)
    .where('stay_date', 'is not', null)
    .execute();
  return new Set(rows.map((r) => `${r.stay_date}|${r.code}`));
}

export async function postNights(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  property: Property,
  reservation: ReservationRow & { ratePlanCode: string; roomNumber: string },
  folio: FullFolioRow,
  nights: ReservationNightRow[],
  by: string,
): Promise<FullPostingRow[]> {
  const posted = await postedNightKeys(db, folio.id);
  const rows: FullPostingRow[] = [];
  for (const night of nights) {
    if (!posted.has(`${night.stay_date}|${ROOM_CODE}`)) {
      rows.push(
        await writePosting(db, ctx, property, {
          folio,
          type: 'ROOM',
          amountMinor: night.room_minor,
          description: `Room ${reservation.roomNumber} - night of ${night.stay_date} (${reservation.ratePlanCode})`,
          by,
          serviceDate: night.stay_date,
          stayDate: night.stay_date,
          code: ROOM_CODE,
          referenceKind: 'policy',
          referenceId: reservation.ratePlanCode,
        }),
      );
    }
    if (night.extra_minor > 0 && !posted.has(`${night.stay_date}|${EXTRA_CODE}`)) {
      rows.push(
        await writePosting(db, ctx, property, {
          folio,
          type: 'SURCHARGE',
          amountMinor: night.extra_minor,
          description: `Extra person/bed - night of ${night.stay_date}`,
          by,
          serviceDate: night.stay_date,
          stayDate: night.stay_date,
          code: EXTRA_CODE,
          ruleApplied: `EXTRA_OCCUPANCY ${reservation.adults}A+${reservation.children}C, ${reservation.extra_beds} extra bed(s)`,
          referenceKind: 'policy',
          referenceId: reservation.ratePlanCode,
        }),
      );
    }
  }
  return rows;
}
