// Seed 003 §3: a new reservation (Draft, priced per night). The guest profile is created first, then
// the booking; company (or travel agent), GSTIN and address go on the guest's profile as its billing
// identity, which the stay's invoice bills (folio invoice-draft.ts).
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { useDesk } from './desk-context.js';
import type { Setup } from './types.js';
import { ErrorNote, Loading, Section, useAction, useLoad } from './ui.js';

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function BookingPage() {
  const { t, property, go } = useDesk();
  const setup = useLoad(() => api.get<Setup>('/desk/setup'), []);
  const action = useAction();
  const [roomType, setRoomType] = useState('');
  if (!setup.data) return <Loading error={setup.error} />;
  const s = setup.data;
  const rooms = s.rooms.filter((r) => !roomType || r.roomTypeCode === roomType);
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const n = (k: string) => Number(v(k) || '0');
    void action.run(async () => {
      const guest = await api.post<{ id: string }>('/folio/guests', {
        ...(v('title') ? { title: v('title') } : {}),
        firstName: v('firstName'),
        lastName: v('lastName'),
        ...(v('email') ? { email: v('email') } : {}),
        ...(v('phone') ? { phone: v('phone') } : {}),
        // The company (or travel agent) on the guest's profile: the stay's invoice bills it (GST state from
        // the GSTIN's first two digits), whichever desk or browser checks the guest out.
        ...(v('company')
          ? {
              billing: {
                name: v('company'),
                ...(v('gstin') ? { gstin: v('gstin'), stateCode: v('gstin').slice(0, 2) } : {}),
                ...(v('address') ? { address: v('address') } : {}),
              },
            }
          : {}),
      });
      const r = await api.post<{ id: string }>('/folio/reservations', {
        guestId: guest.id,
        roomNumber: v('room'),
        ratePlanCode: v('ratePlan'),
        arrival: v('arrival'),
        departure: v('departure'),
        adults: n('adults'),
        children: n('children'),
        extraBeds: n('extraBeds'),
        ...(v('policy') ? { depositPolicyCode: v('policy') } : {}),
      });
      go(`/r/${r.id}`);
    });
  };
  return (
    <form class="stack" data-testid="booking-form" onSubmit={submit}>
      <Section title={t('guest')}>
        <div class="fields">
          <label>
            {t('title_')}
            <input name="title" size={4} />
          </label>
          <label>
            {t('firstName')}
            <input name="firstName" required />
          </label>
          <label>
            {t('lastName')}
            <input name="lastName" required />
          </label>
          <label>
            {t('email')}
            <input name="email" type="email" />
          </label>
          <label>
            {t('phone')}
            <input name="phone" type="tel" />
          </label>
        </div>
      </Section>
      <Section title={t('reservation')}>
        <div class="fields">
          <label>
            {t('arrival')}
            <input name="arrival" type="date" required defaultValue={property.businessDate} />
          </label>
          <label>
            {t('departure')}
            <input name="departure" type="date" required defaultValue={addDays(property.businessDate, 1)} />
          </label>
          <label>
            {t('roomType')}
            <select
              name="roomType"
              onChange={(e) => setRoomType((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">—</option>
              {s.roomTypes.map((rt) => (
                <option key={rt.code} value={rt.code}>
                  {rt.code} {rt.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('room')}
            <select name="room" required>
              {rooms.map((r) => (
                <option key={r.number} value={r.number}>
                  {r.number} ({r.roomTypeCode})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('ratePlan')}
            <select name="ratePlan" required>
              {s.ratePlans.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('adults')}
            <input name="adults" type="number" min={1} max={8} defaultValue="2" required />
          </label>
          <label>
            {t('children')}
            <input name="children" type="number" min={0} max={8} defaultValue="0" />
          </label>
          <label>
            {t('extraBeds')}
            <input name="extraBeds" type="number" min={0} max={4} defaultValue="0" />
          </label>
          <label>
            {t('depositPolicy')}
            <select name="policy">
              <option value="">{t('noPolicy')}</option>
              {s.depositPolicies.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} ({p.type}
                  {p.percent ? ` ${p.percent} %` : ''})
                </option>
              ))}
            </select>
          </label>
        </div>
      </Section>
      <Section title={t('billTo')}>
        <div class="fields">
          <label>
            {t('company')}
            <input name="company" />
          </label>
          <label>
            {t('gstin')}
            <input name="gstin" pattern="[0-9A-Z]{15}" />
          </label>
          <label class="wide">
            {t('address')}
            <input name="address" />
          </label>
        </div>
      </Section>
      <ErrorNote error={action.error} />
      <button type="submit" class="primary" data-testid="book" disabled={action.busy}>
        {t('create')}
      </button>
    </form>
  );
}
