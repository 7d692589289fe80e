// Changing a reservation before check-in at the desk: dates, room, rate plan and guests, with the money
// consequence (old and new stay total, the policy deposit due before and after, what is held or captured)
// shown by central's preview before anything is changed.
import { useState } from 'preact/hooks';
import { api, enc } from './api.js';
import { useDesk } from './desk-context.js';
import { policyDue } from './reservation-page.js';
import type { ChangePreview, Reservation, Setup } from './types.js';
import { ErrorNote, Money, Section, useAction } from './ui.js';

export const CHANGEABLE = ['Draft', 'PendingDeposit', 'Confirmed'];

export function ReservationEdit({
  r,
  setup,
  reload,
}: {
  r: Reservation;
  setup: Setup | null;
  reload: () => void;
}) {
  const { t } = useDesk();
  const [open, setOpen] = useState(false);
  const [change, setChange] = useState<Record<string, string | number> | null>(null);
  const [preview, setPreview] = useState<ChangePreview | null>(null);
  const ask = useAction();
  const save = useAction();
  if (!CHANGEABLE.includes(r.status)) return null;
  if (!open) {
    return (
      <button type="button" data-testid="edit-reservation" onClick={() => setOpen(true)}>
        {t('editReservation')}
      </button>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body: Record<string, string | number> = {};
    const text = {
      arrival: r.arrival,
      departure: r.departure,
      roomNumber: r.roomNumber,
      ratePlanCode: r.ratePlanCode,
    };
    for (const [k, was] of Object.entries(text)) if (v(k) && v(k) !== was) body[k] = v(k);
    const counts = { adults: r.adults, children: r.children, extraBeds: r.extraBeds };
    for (const [k, was] of Object.entries(counts))
      if (v(k) !== '' && Number(v(k)) !== was) body[k] = Number(v(k));
    void ask.run(async () => {
      setPreview(await api.post<ChangePreview>(`/folio/reservations/${enc(r.id)}/change-preview`, body));
      setChange(body);
    });
  };
  const apply = () =>
    void save.run(async () => {
      await api.post(`/folio/reservations/${enc(r.id)}/change`, change ?? {});
      setOpen(false);
      setPreview(null);
      reload();
    });
  const dueAfter = preview ? policyDue({ ...r, stayTotalMinor: preview.after.stayTotalMinor }, setup) : null;
  const dueBefore = policyDue(r, setup);
  return (
    <Section title={t('editReservation')} id="reservation-edit">
      <form class="fields" onSubmit={submit} data-testid="edit-form" onInput={() => setPreview(null)}>
        <label>
          {t('arrival')}
          <input type="date" name="arrival" defaultValue={r.arrival} />
        </label>
        <label>
          {t('departure')}
          <input type="date" name="departure" defaultValue={r.departure} />
        </label>
        <label>
          {t('room')}
          <select name="roomNumber">
            {(setup?.rooms ?? [{ number: r.roomNumber, roomTypeCode: r.roomTypeCode }]).map((room) => (
              <option key={room.number} value={room.number} selected={room.number === r.roomNumber}>
                {room.number} ({room.roomTypeCode})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ratePlan')}
          <select name="ratePlanCode">
            {(setup?.ratePlans ?? [{ code: r.ratePlanCode, name: r.ratePlanCode }]).map((p) => (
              <option key={p.code} value={p.code} selected={p.code === r.ratePlanCode}>
                {p.code} · {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('adults')}
          <input type="number" name="adults" min={1} max={20} defaultValue={String(r.adults)} />
        </label>
        <label>
          {t('children')}
          <input type="number" name="children" min={0} max={20} defaultValue={String(r.children)} />
        </label>
        <label>
          {t('extraBeds')}
          <input type="number" name="extraBeds" min={0} max={10} defaultValue={String(r.extraBeds)} />
        </label>
        <div class="buttons">
          <button type="submit" data-testid="edit-preview" disabled={ask.busy}>
            {t('previewChange')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('back')}
          </button>
        </div>
      </form>
      <ErrorNote error={ask.error} />
      {preview && (
        <div class="confirm" data-testid="edit-effect">
          <dl class="facts">
            <dt>{t('stayTotal')}</dt>
            <dd>
              <Money minor={preview.before.stayTotalMinor} /> →{' '}
              <Money minor={preview.after.stayTotalMinor} testid="edit-new-total" />
            </dd>
            <dt>{t('difference')}</dt>
            <dd>
              <Money minor={preview.differenceMinor} testid="edit-difference" />
            </dd>
            {dueAfter !== null && (
              <>
                <dt>{t('depositDue')}</dt>
                <dd>
                  <Money minor={dueBefore ?? 0} /> → <Money minor={dueAfter} testid="edit-deposit-due" />
                </dd>
              </>
            )}
            <dt>{t('depositsHeld')}</dt>
            <dd>
              <Money minor={preview.heldMinor} /> · {t('depositsCaptured')}{' '}
              <Money minor={preview.capturedMinor} />
            </dd>
          </dl>
          {dueAfter !== null && dueAfter > preview.heldMinor + preview.capturedMinor && (
            <p class="warn" data-testid="edit-deposit-short">
              {t('depositShort')}
            </p>
          )}
          <div class="buttons">
            <button
              type="button"
              class="primary"
              data-testid="edit-save"
              disabled={save.busy}
              onClick={apply}
            >
              {t('doIt')}
            </button>
          </div>
          <ErrorNote error={save.error} />
        </div>
      )}
    </Section>
  );
}
