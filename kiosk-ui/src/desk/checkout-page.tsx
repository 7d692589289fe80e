// Seed 003 §6 and seed 004 §7 at the desk: departure as booked or early (the fee shown before anything is
// posted), the final bill of every window, payments split across methods in one step, then one press
// that finalizes the invoices and settles, and the invoices to open, print or download.
import { useState } from 'preact/hooks';
import { api, download, enc, fetchBlob } from './api.js';
import { toDecimal, toMinor, useDesk } from './desk-context.js';
import { useRequestId } from './request-id.js';
import {
  type DeskGuest,
  type EarlyPreview,
  type InvoiceDoc,
  PAYMENT_METHODS,
  type Reservation,
} from './types.js';
import { ErrorNote, Loading, Money, Section, useAction, useLoad } from './ui.js';

interface Bill {
  folioId: string;
  windowNumber: number;
  payerLabel: string;
  balanceMinor: number;
  preview: InvoiceDoc | null;
  billTo: { name: string } | undefined;
}
interface PayRow {
  folioId: string;
  method: string;
  amount: string;
  reference: string;
}

/**
 * Whom a window's invoice bills. Window 1 takes central's default, the billing identity on the guest's
 * profile (the company or travel agent booked with its GSTIN) or else the guest; a window split off for
 * the guest's own extras bills the guest by name when the stay has a company bill-to.
 */
function billToFor(windowNumber: number, guest: DeskGuest): { name: string } | undefined {
  return windowNumber !== 1 && guest.billTo ? { name: guest.guestName } : undefined;
}

async function loadBills(r: Reservation): Promise<Bill[]> {
  const fresh = await api.get<Reservation>(`/folio/reservations/${enc(r.id)}`);
  const guest = await api.get<DeskGuest>(`/desk/reservations/${enc(r.id)}/guest`);
  return Promise.all(
    fresh.folios.map(async (f) => {
      const to = billToFor(f.windowNumber, guest);
      const preview = await api
        .post<InvoiceDoc>(`/folio/folios/${enc(f.id)}/invoice-preview`, to ? { billTo: to } : {})
        .catch(() => null);
      return {
        folioId: f.id,
        windowNumber: f.windowNumber,
        payerLabel: f.payerLabel,
        balanceMinor: f.balanceMinor,
        preview,
        billTo: to,
      };
    }),
  );
}

/** What a window still owes once its invoice is finalized (the invoice may add tax the folio lacks). */
const dueOf = (b: Bill) =>
  b.preview && b.preview.lines.length > 0 ? b.preview.balanceDueMinor : b.balanceMinor;

export function CheckoutPage({ reservationId }: { reservationId: string }) {
  const { t, go } = useDesk();
  const res = useLoad(
    () => api.get<Reservation>(`/folio/reservations/${enc(reservationId)}`),
    [reservationId],
  );
  const early = useLoad(
    () => api.get<EarlyPreview>(`/desk/reservations/${enc(reservationId)}/early-departure`),
    [reservationId],
  );
  const [mode, setMode] = useState<'normal' | 'early' | null>(null);
  const [bills, setBills] = useState<Bill[] | null>(null);
  const [invoices, setInvoices] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const prepare = useAction();
  if (!res.data || !early.data) return <Loading error={res.error ?? early.error} />;
  const r = res.data;
  const e = early.data;
  const doPrepare = (m: 'normal' | 'early') =>
    void prepare.run(async () => {
      await api.post(`/folio/reservations/${enc(r.id)}/checkout/prepare`, { mode: m });
      setMode(m);
      setBills(await loadBills(r));
    });
  if (done || r.status === 'CheckedOut') {
    return <Finished r={r} invoices={invoices} />;
  }
  return (
    <div class="stack">
      <div class="bar">
        <button type="button" onClick={() => go(`/r/${r.id}/folio`)}>
          ← {r.confirmation} · {r.roomNumber}
        </button>
      </div>
      {!bills && (
        <Section title={t('mode')} id="checkout-mode">
          <p>
            {r.arrival} → {r.departure}
          </p>
          <div class="buttons">
            <button
              type="button"
              class="primary"
              data-testid="checkout-normal"
              disabled={prepare.busy}
              onClick={() => doPrepare('normal')}
            >
              {t('normal')} ({r.departure})
            </button>
            {e.allowed && (
              <button type="button" data-testid="checkout-early" onClick={() => setMode('early')}>
                {t('early')} ({e.businessDate})
              </button>
            )}
          </div>
          {mode === 'early' && (
            <div class="confirm" data-testid="early-confirm">
              <p>
                {t('releasedNights')}: <span data-testid="released-nights">{e.removedNights.join(', ')}</span>
              </p>
              <p>
                {t('earlyFee')}: <Money minor={e.feeMinor} testid="early-fee" />{' '}
                <span class="muted small">{e.rule ?? ''}</span>
              </p>
              <button
                type="button"
                class="primary"
                data-testid="confirm-early"
                disabled={prepare.busy}
                onClick={() => doPrepare('early')}
              >
                {t('confirmEarly')}
              </button>
            </div>
          )}
          <ErrorNote error={prepare.error} />
        </Section>
      )}
      {bills && mode && (
        <Settle
          r={r}
          mode={mode}
          bills={bills}
          invoices={invoices}
          setInvoices={setInvoices}
          onDone={() => setDone(true)}
        />
      )}
    </div>
  );
}

function Settle({
  r,
  mode,
  bills,
  invoices,
  setInvoices,
  onDone,
}: {
  r: Reservation;
  mode: 'normal' | 'early';
  bills: Bill[];
  invoices: Record<string, string>;
  setInvoices: (v: Record<string, string>) => void;
  onDone: () => void;
}) {
  const { t, property, money } = useDesk();
  const [rows, setRows] = useState<PayRow[]>(() =>
    bills
      .filter((b) => dueOf(b) > 0)
      .map((b) => ({
        folioId: b.folioId,
        method: 'CASH',
        amount: toDecimal(dueOf(b), property.currency),
        reference: '',
      })),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const settle = useAction();
  const paidOn = (folioId: string) =>
    rows
      .filter((p) => p.folioId === folioId)
      .reduce((s, p) => s + (toMinor(p.amount, property.currency) ?? 0), 0);
  const set = (i: number, patch: Partial<PayRow>) =>
    setRows(rows.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const addRow = (folioId: string) => {
    const bill = bills.find((b) => b.folioId === folioId);
    const left = bill ? dueOf(bill) - paidOn(folioId) : 0;
    setRows([
      ...rows,
      { folioId, method: 'CARD', amount: toDecimal(Math.max(0, left), property.currency), reference: '' },
    ]);
  };
  const submit = (ev: Event) => {
    ev.preventDefault();
    setProblem(null);
    for (const b of bills) {
      const left = dueOf(b) - paidOn(b.folioId);
      if (left > 0 || (left < 0 && dueOf(b) >= 0)) {
        setProblem(`${t('window')} ${b.windowNumber}: ${t('remaining')} ${money(left)}`);
        return;
      }
    }
    void settle.run(async () => {
      const numbers = { ...invoices };
      for (const b of bills) {
        if (numbers[b.folioId] || !b.preview || b.preview.lines.length === 0) continue;
        const to = b.billTo;
        const inv = await api.post<{ number: string }>(
          `/folio/folios/${enc(b.folioId)}/invoices`,
          to ? { billTo: to } : {},
        );
        numbers[b.folioId] = inv.number;
        setInvoices({ ...numbers });
      }
      const refundNeeded = bills.some((b) => dueOf(b) < 0);
      await api.post(`/folio/reservations/${enc(r.id)}/checkout`, {
        mode,
        payments: rows
          .filter((p) => (toMinor(p.amount, property.currency) ?? 0) > 0)
          .map((p) => ({
            folioId: p.folioId,
            method: p.method,
            amountMinor: toMinor(p.amount, property.currency),
            ...(p.reference.trim() ? { reference: p.reference.trim() } : {}),
          })),
        ...(refundNeeded ? { refund: { method: 'CASH' } } : {}),
      });
      onDone();
    });
  };
  return (
    <form class="stack" onSubmit={submit} data-testid="settle-form">
      {bills.map((b) => (
        <Section
          key={b.folioId}
          title={`${t('billPreview')} · ${t('window')} ${b.windowNumber} · ${b.payerLabel}`}
          id={`bill-${b.windowNumber}`}
        >
          {b.preview && b.preview.lines.length > 0 ? (
            <BillPreview doc={b.preview} windowNumber={b.windowNumber} />
          ) : (
            <p>
              {t('balance')} <Money minor={b.balanceMinor} />
            </p>
          )}
          <div class="pay-rows">
            {rows.map((p, i) =>
              p.folioId !== b.folioId ? null : (
                <div class="fields pay-row" key={i} data-testid={`pay-row-${b.windowNumber}`}>
                  <label>
                    {t('method')}
                    <select
                      value={p.method}
                      data-testid="pay-method"
                      onChange={(e) => set(i, { method: (e.currentTarget as HTMLSelectElement).value })}
                    >
                      {PAYMENT_METHODS.map((m) => (
                        <option key={m} value={m}>
                          {t(m)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('amount')}
                    <input
                      value={p.amount}
                      inputMode="decimal"
                      data-testid="pay-amount"
                      onInput={(e) => set(i, { amount: (e.currentTarget as HTMLInputElement).value })}
                    />
                  </label>
                  <label>
                    {t('reference')}
                    <input
                      value={p.reference}
                      data-testid="pay-reference"
                      required={p.method !== 'CASH'}
                      onInput={(e) => set(i, { reference: (e.currentTarget as HTMLInputElement).value })}
                    />
                  </label>
                </div>
              ),
            )}
            <p>
              {t('remaining')}:{' '}
              <Money minor={dueOf(b) - paidOn(b.folioId)} testid={`left-${b.windowNumber}`} />
            </p>
            <button
              type="button"
              data-testid={`add-payment-${b.windowNumber}`}
              onClick={() => addRow(b.folioId)}
            >
              + {t('addPayment')}
            </button>
          </div>
        </Section>
      ))}
      {problem && (
        <p class="error" role="alert" data-code="BALANCE_NOT_SETTLED">
          {problem}
        </p>
      )}
      <ErrorNote error={settle.error} />
      <button type="submit" class="primary big" data-testid="settle" disabled={settle.busy}>
        {t('settle')}
      </button>
    </form>
  );
}

export function BillPreview({ doc, windowNumber }: { doc: InvoiceDoc; windowNumber: number }) {
  const { t } = useDesk();
  return (
    <div class="bill" data-testid={`bill-preview-${windowNumber}`}>
      <table class="lines">
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.postingId}>
              <td>
                {l.description}
                <span class="muted small">
                  {' '}
                  {l.serviceDate}
                  {l.sac ? ` · SAC ${l.sac}` : ''}
                </span>
              </td>
              <td class="num">
                <Money minor={l.amountMinor} />
              </td>
              <td class="small">
                {l.taxes.map((x) => (
                  <span key={x.code} class="tax" data-code={x.code}>
                    {x.code} <Money minor={x.amountMinor} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="facts totals">
        <dt>{t('subtotal')}</dt>
        <dd>
          <Money minor={doc.subtotalMinor} testid={`subtotal-${windowNumber}`} />
        </dd>
        {doc.taxBreakup.map((x) => (
          <>
            <dt key={`${x.code}-dt`}>{x.label}</dt>
            <dd key={`${x.code}-dd`}>
              <Money minor={x.amountMinor} />
            </dd>
          </>
        ))}
        <dt>{t('grandTotal')}</dt>
        <dd>
          <Money minor={doc.grandTotalMinor} testid={`grand-total-${windowNumber}`} />
        </dd>
        <dt>{t('received')}</dt>
        <dd>
          <Money minor={doc.paymentsTotalMinor} />
        </dd>
        <dt>{t('due')}</dt>
        <dd>
          <Money minor={doc.balanceDueMinor} testid={`due-${windowNumber}`} />
        </dd>
      </dl>
      <p class="muted small">{doc.amountInWords}</p>
    </div>
  );
}

/** Sends the invoice's PDF by e-mail (central's SMTP relay); the same address again reuses the request id. */
function EmailInvoice({ number, address }: { number: string; address: string | null }) {
  const { t } = useDesk();
  const act = useAction();
  const request = useRequestId();
  const [to, setTo] = useState(address ?? '');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      await api.post(`/folio/invoices/${enc(number)}/email`, { to, requestId: request.idFor([number, to]) });
      request.done();
      setSentTo(to);
    });
  };
  return (
    <form class="inline-form" onSubmit={send} data-testid="invoice-email">
      <label>
        {t('emailTo')}
        <input type="email" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={act.busy}>
        {t('emailInvoice')}
      </button>
      {sentTo && (
        <span class="muted" data-testid="invoice-email-sent">
          {t('emailSent')} {sentTo}
        </span>
      )}
      <ErrorNote error={act.error} />
    </form>
  );
}

function Finished({ r, invoices }: { r: Reservation; invoices: Record<string, string> }) {
  const { t, go } = useDesk();
  const act = useAction();
  const numbers = Object.values(invoices);
  const guest = useLoad(() => api.get<DeskGuest>(`/desk/reservations/${enc(r.id)}/guest`), [r.id]);
  const pdf = useLoad(async () => {
    const first = numbers[0];
    if (!first) return false;
    return fetchBlob(`/folio/invoices/${enc(first)}.pdf`).then(
      () => true,
      () => false,
    );
  }, [numbers.join()]);
  const openHtml = (n: string, print: boolean) =>
    void act.run(async () => {
      const url = await fetchBlob(`/folio/invoices/${enc(n)}.html`);
      const w = window.open(url, '_blank');
      if (print && w) w.addEventListener('load', () => w.print());
    });
  return (
    <Section title={t('checkedOut')} id="checkout-done">
      <p data-testid="checked-out">
        {r.confirmation} · {r.roomNumber} · {t('checkedOut')}
      </p>
      <ul class="rows">
        {numbers.map((n) => (
          <li key={n} data-testid="invoice-row">
            <span class="grow">
              {t('invoice')} <strong data-testid="invoice-number">{n}</strong>
            </span>
            <button type="button" data-testid="invoice-open" onClick={() => openHtml(n, false)}>
              {t('openInvoice')}
            </button>
            <button type="button" onClick={() => openHtml(n, true)}>
              {t('print')}
            </button>
            <button
              type="button"
              data-testid="invoice-download"
              onClick={() =>
                void act.run(() =>
                  download(`/folio/invoices/${enc(n)}.html`, `${n.replace(/\//g, '-')}.html`),
                )
              }
            >
              {t('downloadInvoice')}
            </button>
            {pdf.data && (
              <button
                type="button"
                data-testid="invoice-pdf"
                onClick={() =>
                  void act.run(() =>
                    download(`/folio/invoices/${enc(n)}.pdf`, `${n.replace(/\//g, '-')}.pdf`),
                  )
                }
              >
                {t('downloadPdf')}
              </button>
            )}
            <EmailInvoice key={guest.data?.email ?? ''} number={n} address={guest.data?.email ?? null} />
          </li>
        ))}
      </ul>
      <ErrorNote error={act.error} />
      <button type="button" onClick={() => go('/')}>
        {t('board')}
      </button>
    </Section>
  );
}
