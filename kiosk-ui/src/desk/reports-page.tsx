// Seed 003 §9 at the desk: revenue by category, occupancy with ADR and RevPAR, deposit aging and
// outstanding balances, each with a bar chart and its CSV download.
import { useState } from 'preact/hooks';
import { api, download } from './api.js';
import { useDesk } from './desk-context.js';
import type { DeskKey } from './i18n.js';
import { ErrorNote, Loading, Money, Section, useAction, useLoad } from './ui.js';

type Kind = 'revenue' | 'occupancy' | 'deposit-aging' | 'outstanding-balances';
const KINDS: Array<[Kind, DeskKey]> = [
  ['revenue', 'revenue'],
  ['occupancy', 'occupancy'],
  ['deposit-aging', 'depositAging'],
  ['outstanding-balances', 'outstanding'],
];

interface Bar {
  label: string;
  minor: number;
  note?: string;
}

function Bars({ bars }: { bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.minor)));
  return (
    <ul class="bars" data-testid="report-chart">
      {bars.map((b) => (
        <li key={b.label} data-testid={`bar-${b.label}`}>
          <span class="bar-label">{b.label}</span>
          <span class="bar-track">
            <span
              class={`bar-fill${b.minor < 0 ? ' neg' : ''}`}
              style={{ width: `${(Math.abs(b.minor) / max) * 100}%` }}
            />
          </span>
          <span class="num">
            <Money minor={b.minor} /> {b.note ? <span class="muted small">{b.note}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function barsOf(kind: Kind, data: Record<string, unknown>): Bar[] {
  if (kind === 'revenue') {
    const r = data as {
      roomMinor: number;
      pos: Array<{ outlet: string; amountMinor: number }>;
      surchargeMinor: number;
      discountMinor: number;
      adjustmentMinor: number;
      taxMinor: number;
      netRevenueMinor: number;
    };
    return [
      { label: 'ROOM', minor: r.roomMinor },
      ...r.pos.map((p) => ({ label: `POS ${p.outlet}`, minor: p.amountMinor })),
      { label: 'SURCHARGE', minor: r.surchargeMinor },
      { label: 'DISCOUNT', minor: r.discountMinor },
      { label: 'ADJUSTMENT', minor: r.adjustmentMinor },
      { label: 'TAX', minor: r.taxMinor },
      { label: 'NET', minor: r.netRevenueMinor },
    ];
  }
  if (kind === 'occupancy') {
    const r = data as {
      days: Array<{
        date: string;
        roomRevenueMinor: number;
        occupancyPercent: string;
        adrMinor: number;
        revparMinor: number;
      }>;
    };
    return r.days.map((d) => ({
      label: d.date,
      minor: d.roomRevenueMinor,
      note: `${d.occupancyPercent} % · ADR ${d.adrMinor / 100} · RevPAR ${d.revparMinor / 100}`,
    }));
  }
  if (kind === 'deposit-aging') {
    const r = data as { buckets: Array<{ bucket: string; count: number; amountMinor: number }> };
    return r.buckets.map((b) => ({ label: `${b.bucket} d`, minor: b.amountMinor, note: `× ${b.count}` }));
  }
  const r = data as {
    inHouse: Array<{ roomNumber: string; guestName: string; balanceMinor: number }>;
    checkedOut: Array<{ roomNumber: string; guestName: string; balanceMinor: number }>;
  };
  return [...r.inHouse, ...r.checkedOut].map((b) => ({
    label: `${b.roomNumber} ${b.guestName}`,
    minor: b.balanceMinor,
  }));
}

export function ReportsPage() {
  const { t, property, may } = useDesk();
  const [kind, setKind] = useState<Kind>('revenue');
  const [range, setRange] = useState({ from: property.businessDate, to: property.businessDate });
  const query = kind === 'revenue' || kind === 'occupancy' ? `?from=${range.from}&to=${range.to}` : '';
  const report = useLoad(() => api.get<Record<string, unknown>>(`/reports/${kind}${query}`), [kind, query]);
  const csv = useAction();
  if (!may('reports.read')) return <p class="muted">{t('managerOnly')}</p>;
  return (
    <div class="stack">
      <div class="tabs small-tabs" role="tablist">
        {KINDS.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            class={kind === k ? 'active' : ''}
            data-testid={`report-${k}`}
            onClick={() => setKind(k)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <Section title={t(KINDS.find(([k]) => k === kind)?.[1] ?? 'reports')} id="report">
        {query && (
          <form
            class="fields"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget as HTMLFormElement);
              setRange({ from: String(f.get('from')), to: String(f.get('to')) });
            }}
          >
            <label>
              {t('from')}
              <input name="from" type="date" defaultValue={range.from} />
            </label>
            <label>
              {t('to')}
              <input name="to" type="date" defaultValue={range.to} />
            </label>
            <button type="submit">{t('show')}</button>
          </form>
        )}
        {report.data ? <Bars bars={barsOf(kind, report.data)} /> : <Loading error={report.error} />}
        <button
          type="button"
          data-testid="report-csv"
          onClick={() =>
            void csv.run(() =>
              download(`/reports/${kind}${query ? `${query}&` : '?'}format=csv`, `${kind}.csv`),
            )
          }
        >
          {t('csv')}
        </button>
        <ErrorNote error={csv.error} />
      </Section>
    </div>
  );
}
