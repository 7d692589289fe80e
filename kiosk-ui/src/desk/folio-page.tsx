// Seed 004 §1–§3 at the desk: a stay's folio windows, each itemized with its tax per line (CGST/SGST/IGST
// or the property's taxes, from the invoice draft), a summary by category, the running balance, payments
// and deposits received; split to a new window or tap-to-transfer, void or adjust with a reason, post
// a charge, take an advance payment.
import { useState } from 'preact/hooks';
import { api, enc } from './api.js';
import { toMinor, useDesk } from './desk-context.js';
import type { DeskKey } from './i18n.js';
import { PostCharge } from './post-charge.js';
import { useRequestId } from './request-id.js';
import { type Folio, type InvoiceDoc, PAYMENT_METHODS, type Posting, type Reservation } from './types.js';
import { ErrorNote, Loading, Money, Section, useAction, useLoad } from './ui.js';

const CREDIT_TYPES = new Set(['PAYMENT', 'DEPOSIT', 'REFUND']);

interface StayFolios {
  reservation: Reservation | null;
  windows: Array<{ folio: Folio; preview: InvoiceDoc | null }>;
}

async function loadStay(stayRef: string | null, reservationId: string | null): Promise<StayFolios> {
  const reservation = reservationId
    ? await api.get<Reservation>(`/folio/reservations/${enc(reservationId)}`)
    : null;
  const ref = stayRef ?? reservation?.stayRef;
  if (!ref) return { reservation, windows: [] };
  const { folios } = await api.get<{ folios: Folio[] }>(`/folio/stays/${enc(ref)}/folios`);
  const windows = await Promise.all(
    folios.map(async (folio) => ({
      folio,
      // The draft invoice carries each line's tax; a window with nothing uninvoiced has none.
      preview: await api
        .post<InvoiceDoc>(`/folio/folios/${enc(folio.id)}/invoice-preview`, {})
        .catch(() => null),
    })),
  );
  return { reservation, windows };
}

export function FolioPage({
  stayRef,
  reservationId,
}: {
  stayRef: string | null;
  reservationId: string | null;
}) {
  const { t, go } = useDesk();
  const stay = useLoad(() => loadStay(stayRef, reservationId), [stayRef, reservationId]);
  const [active, setActive] = useState(0);
  if (!stay.data) return <Loading error={stay.error} />;
  const { windows, reservation } = stay.data;
  const current = windows[Math.min(active, windows.length - 1)];
  if (!current) return <Loading error={stay.error} />;
  const total = windows.reduce((s, w) => s + w.folio.balanceMinor, 0);
  return (
    <div class="stack">
      <div class="bar">
        {reservation && (
          <button type="button" onClick={() => go(`/r/${reservation.id}`)}>
            ← {reservation.confirmation} · {reservation.roomNumber}
          </button>
        )}
        <span class="grow" />
        <span>
          {t('total')} <Money minor={total} testid="stay-balance" />
        </span>
        {reservation?.status === 'CheckedIn' && (
          <button
            type="button"
            class="primary"
            data-testid="to-checkout"
            onClick={() => go(`/r/${reservation.id}/checkout`)}
          >
            {t('checkout')}
          </button>
        )}
      </div>
      <div class="tabs window-tabs" role="tablist">
        {windows.map((w, i) => (
          <button
            key={w.folio.id}
            type="button"
            role="tab"
            aria-selected={w === current}
            class={w === current ? 'active' : ''}
            data-testid={`window-tab-${w.folio.windowNumber}`}
            onClick={() => setActive(i)}
          >
            {t('window')} {w.folio.windowNumber} · {w.folio.payerLabel} ·{' '}
            <Money minor={w.folio.balanceMinor} testid={`window-balance-${w.folio.windowNumber}`} />
          </button>
        ))}
      </div>
      <FolioWindow
        key={current.folio.id}
        folio={current.folio}
        preview={current.preview}
        others={windows.filter((w) => w !== current).map((w) => w.folio)}
        reload={stay.reload}
      />
    </div>
  );
}

function FolioWindow({
  folio,
  preview,
  others,
  reload,
}: {
  folio: Folio;
  preview: InvoiceDoc | null;
  others: Folio[];
  reload: () => void;
}) {
  const { t, may, property } = useDesk();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [correcting, setCorrecting] = useState<{ posting: Posting; kind: 'void' | 'adjust' } | null>(null);
  const act = useAction();
  const open = folio.closedAt === null;
  const taxesOf = new Map((preview?.lines ?? []).map((l) => [l.postingId, l]));
  const corrected = new Set(folio.postings.flatMap((p) => (p.link ? [p.link.postingId] : [])));
  let running = 0;
  const rows = folio.postings.map((p) => {
    running += p.amountMinor;
    return { p, running, line: taxesOf.get(p.id) };
  });
  const charges = rows.filter((r) => !CREDIT_TYPES.has(r.p.type));
  const credits = rows.filter((r) => CREDIT_TYPES.has(r.p.type));
  const byCategory = new Map<string, { amount: number; tax: number }>();
  for (const { p, line } of charges) {
    const key = line?.category ?? p.category ?? p.type;
    const c = byCategory.get(key) ?? { amount: 0, tax: 0 };
    c.amount += p.amountMinor;
    c.tax += (line?.taxes ?? []).reduce((s, x) => s + x.amountMinor, 0);
    byCategory.set(key, c);
  }
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const split = (e: Event) => {
    e.preventDefault();
    const payerLabel = String(new FormData(e.currentTarget as HTMLFormElement).get('payer') ?? '').trim();
    void act.run(async () => {
      await api.post(`/folio/folios/${enc(folio.id)}/split`, { payerLabel, postingIds: [...selected] });
      setSelected(new Set());
      reload();
    });
  };
  const transfer = (toFolioId: string) =>
    void act.run(async () => {
      for (const id of selected) await api.post(`/folio/postings/${enc(id)}/transfer`, { toFolioId });
      setSelected(new Set());
      reload();
    });
  return (
    <div class="folio-layout">
      <div class="stack">
        <Section title={`${t('charges')} · ${folio.payerLabel}`} id="folio-charges">
          <table class="lines" data-testid="folio-lines">
            <thead>
              <tr>
                <th />
                <th>{t('description')}</th>
                <th class="num">{t('amount')}</th>
                <th>{t('tax')}</th>
                <th class="num">{t('runningBalance')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {charges.map(({ p, running, line }) => (
                <tr key={p.id} data-testid={`line-${p.id}`} class={selected.has(p.id) ? 'selected' : ''}>
                  <td>
                    {open && !p.link && (
                      <input
                        type="checkbox"
                        aria-label={p.description}
                        data-testid="select-line"
                        checked={selected.has(p.id)}
                        onChange={() => toggle(p.id)}
                      />
                    )}
                  </td>
                  <td>
                    <span class="badge">{line?.category ?? p.category ?? p.type}</span> {p.description}
                    <span class="muted small">
                      {' '}
                      {p.serviceDate}
                      {p.link ? ` · ${p.link.kind}` : ''}
                    </span>
                  </td>
                  <td class="num">
                    <Money minor={p.amountMinor} />
                  </td>
                  <td class="small" data-testid="line-taxes">
                    {(line?.taxes ?? []).map((x) => (
                      <span key={x.code} class="tax" data-code={x.code}>
                        {x.code}
                        {x.rate ? ` ${(Number(x.rate) * 100).toFixed(2).replace(/\.?0+$/, '')}%` : ''}{' '}
                        <Money minor={x.amountMinor} />
                      </span>
                    ))}
                  </td>
                  <td class="num">
                    <Money minor={running} />
                  </td>
                  <td>
                    {open && may('folio.correct') && !p.link && !corrected.has(p.id) && (
                      <span class="buttons">
                        <button
                          type="button"
                          data-testid="void-line"
                          onClick={() =>
                            setCorrecting({
                              posting: p,
                              kind: p.businessDate === property.businessDate ? 'void' : 'adjust',
                            })
                          }
                        >
                          {p.businessDate === property.businessDate ? t('void') : t('adjust')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {correcting && (
            <Correction
              {...correcting}
              onDone={() => {
                setCorrecting(null);
                reload();
              }}
            />
          )}
          <table class="summary" data-testid="category-summary">
            <tbody>
              {[...byCategory].map(([category, c]) => (
                <tr key={category}>
                  <td>{category}</td>
                  <td class="num">
                    <Money minor={c.amount} />
                  </td>
                  <td class="num muted">
                    {t('tax')} <Money minor={c.tax} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {selected.size > 0 && (
            <div class="confirm" data-testid="selection">
              <p>
                {selected.size} {t('selected')}
              </p>
              <form class="fields" onSubmit={split}>
                <label>
                  {t('payer')}
                  <input name="payer" required data-testid="split-payer" />
                </label>
                <button type="submit" class="primary" data-testid="split" disabled={act.busy}>
                  {t('split')}
                </button>
              </form>
              {may('folio.correct') && (
                <div class="buttons">
                  {others
                    .filter((o) => o.closedAt === null)
                    .map((o) => (
                      <button
                        key={o.id}
                        type="button"
                        data-testid={`move-to-${o.windowNumber}`}
                        onClick={() => transfer(o.id)}
                      >
                        {t('moveTo')} {o.windowNumber}
                      </button>
                    ))}
                </div>
              )}
            </div>
          )}
          <ErrorNote error={act.error} />
        </Section>
        <Section title={t('advancePayments')} id="folio-credits">
          <ul class="rows">
            {credits.map(({ p, running }) => (
              <li key={p.id}>
                <span class="grow">
                  <span class="badge">{p.type}</span> {p.description}
                  {p.payment ? ` · ${t(p.payment.method as DeskKey) ?? p.payment.method}` : ''}
                </span>
                <Money minor={p.amountMinor} />
                <span class="muted small">
                  <Money minor={running} />
                </span>
              </li>
            ))}
          </ul>
          <p class="balance-line">
            {t('balance')} <Money minor={folio.balanceMinor} testid="folio-balance" />
          </p>
        </Section>
      </div>
      {open && (
        <div class="stack">
          <Section title={t('postCharge')} id="post-charge-card">
            <PostCharge folioId={folio.id} onPosted={reload} />
          </Section>
          <Section title={t('takePayment')} id="take-payment">
            <TakePayment folioId={folio.id} onDone={reload} />
          </Section>
        </div>
      )}
    </div>
  );
}

function Correction({
  posting,
  kind,
  onDone,
}: {
  posting: Posting;
  kind: 'void' | 'adjust';
  onDone: () => void;
}) {
  const { t, property } = useDesk();
  const act = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const reason = String(f.get('reason') ?? '').trim();
    void act.run(async () => {
      if (kind === 'void') await api.post(`/folio/postings/${enc(posting.id)}/void`, { reason });
      else {
        const minor = toMinor(String(f.get('amount') ?? ''), property.currency) ?? 0;
        await api.post(`/folio/postings/${enc(posting.id)}/adjust`, { amountMinor: -minor, reason });
      }
      onDone();
    });
  };
  return (
    <form class="confirm fields" data-testid="correction" onSubmit={submit}>
      <p>
        {t(kind)}: {posting.description} <Money minor={posting.amountMinor} />
      </p>
      {kind === 'adjust' && (
        <label>
          {t('amount')}
          <input name="amount" inputMode="decimal" required />
        </label>
      )}
      <label>
        {t('reason')}
        <input name="reason" required data-testid="correction-reason" />
      </label>
      <button type="submit" class="danger" data-testid="correction-do" disabled={act.busy}>
        {t(kind)}
      </button>
      <ErrorNote error={act.error} />
    </form>
  );
}

function TakePayment({ folioId, onDone }: { folioId: string; onDone: () => void }) {
  const { t, property } = useDesk();
  const act = useAction();
  const request = useRequestId();
  const [method, setMethod] = useState('CASH');
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const amountMinor = toMinor(String(f.get('amount') ?? ''), property.currency);
    const reference = String(f.get('reference') ?? '').trim();
    if (amountMinor === null) return;
    const payments = [{ method, amountMinor, ...(reference ? { reference } : {}) }];
    void act.run(async () => {
      await api.post(`/folio/folios/${enc(folioId)}/payments`, {
        paymentId: request.idFor([folioId, payments]),
        payments,
      });
      request.done();
      (e.target as HTMLFormElement).reset();
      onDone();
    });
  };
  return (
    <form class="fields" onSubmit={submit}>
      <label>
        {t('method')}
        <select value={method} onChange={(e) => setMethod((e.currentTarget as HTMLSelectElement).value)}>
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(m)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('amount')}
        <input name="amount" inputMode="decimal" required />
      </label>
      <label>
        {t('reference')}
        <input name="reference" required={method !== 'CASH'} />
      </label>
      <button type="submit" class="primary" disabled={act.busy}>
        {t('takePayment')}
      </button>
      <ErrorNote error={act.error} />
    </form>
  );
}
