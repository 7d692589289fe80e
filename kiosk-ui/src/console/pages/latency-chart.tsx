import type { PostingView } from '../types.js';

/** Seconds from central receiving a charge to the PMS confirming it, per posted charge (plain SVG). */
export function LatencyChart({ postings }: { postings: PostingView[] }) {
  const points = postings
    .filter((p) => p.status === 'posted' && p.postedAt)
    .map((p) => ({
      at: Date.parse(p.createdAt),
      s: Math.max(0, (Date.parse(p.postedAt ?? '') - Date.parse(p.receivedAt)) / 1000),
    }))
    .sort((a, b) => a.at - b.at);
  const sorted = points.map((p) => p.s).sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const max = Math.max(1, ...sorted);
  const w = 700;
  const h = 140;
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  const x = (at: number) => 40 + ((at - day.getTime()) / 86_400_000) * (w - 50);
  const y = (s: number) => h - 10 - (s / max) * (h - 30);
  return (
    <figure
      class="chart"
      data-testid="latency-chart"
      data-p50={pct(0.5).toFixed(1)}
      data-p95={pct(0.95).toFixed(1)}
    >
      <svg viewBox={`0 0 ${w} ${h + 10}`} role="img" aria-label="posting latency">
        <text x="0" y="14" class="axis">
          {`${max.toFixed(1)} s`}
        </text>
        <line x1="40" y1={h - 10} x2={w - 10} y2={h - 10} stroke="#cbd5e0" />
        {points.map((p) => (
          <circle
            key={`${p.at}-${p.s}`}
            cx={x(p.at)}
            cy={y(p.s)}
            r="3"
            fill={p.s > 60 ? '#c53030' : '#2b6cb0'}
          />
        ))}
      </svg>
      <figcaption class="muted">
        p50 {pct(0.5).toFixed(1)} s · p95 {pct(0.95).toFixed(1)} s · n={points.length}
      </figcaption>
    </figure>
  );
}
