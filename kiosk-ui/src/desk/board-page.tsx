// Seed 004 §7 front office: the business date's arrivals, guests in house and departures, searchable by
// room, name or confirmation, with every room's status at a glance.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { useDesk } from './desk-context.js';
import type { Board, DeskRow } from './types.js';
import { Loading, Section, useLoad } from './ui.js';

function rowLink(r: DeskRow): string {
  if (r.reservationId) return `#/r/${r.reservationId}`;
  return `#/stay/${r.stayRef}`;
}

function Rows({ rows, query, testid }: { rows: DeskRow[]; query: string; testid: string }) {
  const { t } = useDesk();
  const q = query.trim().toLowerCase();
  const shown = q
    ? rows.filter((r) => [r.roomNumber, r.guestName, r.confirmation].some((v) => v.toLowerCase().includes(q)))
    : rows;
  if (shown.length === 0) return <p class="muted">{t('none')}</p>;
  return (
    <ul class="rows" data-testid={testid}>
      {shown.map((r) => (
        <li key={`${r.confirmation}-${r.roomNumber}`}>
          <a class="row-link" href={rowLink(r)} data-testid={`row-${r.confirmation}`}>
            <span class="room">{r.roomNumber}</span>
            <span class="grow">
              <strong>{r.guestName}</strong>
              <span class="muted small">
                {r.confirmation} · {r.arrival} → {r.departure}
              </span>
            </span>
            <span class={`badge s-${r.status}`}>{r.status}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function BoardPage() {
  const { t } = useDesk();
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const board = useLoad(() => api.get<Board>('/desk/board'), []);
  // At the desk: "/" jumps to the search, as in most web apps.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || (e.target as HTMLElement).closest('input, select, textarea')) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!board.data) return <Loading error={board.error} />;
  const b = board.data;
  return (
    <div class="stack">
      <input
        ref={search}
        class="search"
        type="search"
        data-testid="search"
        placeholder={t('search')}
        aria-label={t('search')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <div class="grid3">
        <Section title={`${t('arrivals')} (${b.arrivals.length})`} id="arrivals">
          <Rows rows={b.arrivals} query={query} testid="arrival-rows" />
        </Section>
        <Section title={`${t('inHouse')} (${b.inHouse.length})`} id="in-house">
          <Rows rows={b.inHouse} query={query} testid="in-house-rows" />
        </Section>
        <Section title={`${t('departures')} (${b.departures.length})`} id="departures">
          <Rows rows={b.departures} query={query} testid="departure-rows" />
        </Section>
      </div>
      {b.upcoming.length > 0 && (
        <Section title={t('upcoming')} id="upcoming">
          <Rows rows={b.upcoming} query={query} testid="upcoming-rows" />
        </Section>
      )}
      <Section title={t('rooms')} id="rooms">
        <ul class="room-grid">
          {b.rooms.map((r) => (
            <li
              key={r.number}
              class={`room-tile ${r.occupiedBy ? 'occupied' : 'vacant'} hk-${r.housekeeping}`}
              title={r.occupiedBy ?? t('vacant')}
            >
              <strong>{r.number}</strong>
              <span class="small">{r.roomTypeCode}</span>
              <span class="small">{r.housekeeping}</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
