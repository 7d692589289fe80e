import type { PostingView } from '../types.js';

const COLOURS = ['#2b6cb0', '#2f855a', '#d69e2e', '#805ad5', '#c53030', '#319795'];

/** Charges per hour (local time) stacked by outlet: plain SVG, no chart library to ship. */
export function HourlyChart({ postings }: { postings: PostingView[] }) {
  const outlets = [...new Set(postings.map((p) => p.outletCode))].sort();
  const counts = Array.from({ length: 24 }, () => new Map<string, number>());
  for (const p of postings) {
    const h = new Date(p.createdAt).getHours();
    counts[h]!.set(p.outletCode, (counts[h]!.get(p.outletCode) ?? 0) + 1);
  }
  const max = Math.max(1, ...counts.map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const w = 24 * 28 + 40;
  const h = 180;
  return (
    <figure class="chart" data-testid="hourly-chart">
      <svg viewBox={`0 0 ${w} ${h + 30}`} role="img" aria-label="charges per hour by outlet">
        <text x="0" y="12" class="axis">
          {max}
        </text>
        {counts.map((m, hour) => {
          let y = h;
          return (
            <g key={hour}>
              {outlets.map((o, i) => {
                const n = m.get(o) ?? 0;
                if (!n) return null;
                const bar = (n / max) * (h - 20);
                y -= bar;
                return (
                  <rect
                    key={o}
                    x={40 + hour * 28}
                    y={y}
                    width="22"
                    height={bar}
                    fill={COLOURS[i % COLOURS.length]}
                    data-outlet={o}
                  >
                    <title>{`${String(hour).padStart(2, '0')}:00 ${o}: ${n}`}</title>
                  </rect>
                );
              })}
              {hour % 3 === 0 && (
                <text x={40 + hour * 28} y={h + 16} class="axis">
                  {String(hour).padStart(2, '0')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {outlets.map((o, i) => (
          <span key={o} class="legend">
            <span class="swatch" style={{ background: COLOURS[i % COLOURS.length] }} /> {o}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
