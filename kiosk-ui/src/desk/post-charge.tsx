// Seed 004 "staff should post charges in 3 clicks": quick-charge buttons (tap, amount, Post), a custom
// charge, and templates from the outlets' item master (Templates, tap the template, Post).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, enc } from './api.js';
import { toMinor, useDesk } from './desk-context.js';
import { useRequestId } from './request-id.js';
import type { Catalog, Setup } from './types.js';
import { ErrorNote, Money, useAction, useLoad } from './ui.js';

const QUICK: Array<{ key: string; category: string; label: { en: string; hi: string } }> = [
  { key: 'LAUNDRY', category: 'LAUNDRY', label: { en: 'Laundry', hi: 'लॉन्ड्री' } },
  { key: 'MINIBAR', category: 'MINIBAR', label: { en: 'Minibar', hi: 'मिनीबार' } },
  { key: 'ROOM_SERVICE', category: 'FOOD_BEVERAGE', label: { en: 'Room service', hi: 'रूम सर्विस' } },
  { key: 'SPA', category: 'SPA', label: { en: 'Spa', hi: 'स्पा' } },
  { key: 'TRANSPORT', category: 'TRANSPORT', label: { en: 'Airport transfer', hi: 'एयरपोर्ट ट्रांसफ़र' } },
  { key: 'TELECOM', category: 'TELECOM', label: { en: 'Telephone', hi: 'टेलीफ़ोन' } },
];
const CATEGORIES = ['FOOD_BEVERAGE', 'ALCOHOL', 'MINIBAR', 'LAUNDRY', 'SPA', 'TRANSPORT', 'TELECOM', 'MISC'];

/** An item master's tax class → the folio's tax category (alcohol is taxed apart from food). */
const categoryOfTaxClass = (taxClass: string) =>
  /LIQUOR|ALCOHOL/.test(taxClass) ? 'ALCOHOL' : taxClass === 'SERVICE' ? 'MISC' : 'FOOD_BEVERAGE';

interface Charge {
  description: string;
  category: string;
  unitMinor: number;
  quantity: number;
}

export function PostCharge({ folioId, onPosted }: { folioId: string; onPosted: () => void }) {
  const { t, language, property } = useDesk();
  const [tab, setTab] = useState<'quick' | 'custom' | 'templates'>('quick');
  const [quick, setQuick] = useState<(typeof QUICK)[number] | null>(null);
  const [template, setTemplate] = useState<{ name: string; charges: Charge[] } | null>(null);
  const action = useAction();
  const amountRef = useRef<HTMLInputElement>(null);
  useEffect(() => amountRef.current?.focus(), [quick]);
  const request = useRequestId();
  // Every line of a template in one request: all posted or none, once however often Post is pressed.
  const post = (charges: Charge[]) =>
    void action.run(async () => {
      const lines = charges.map((c) => ({
        type: 'POS',
        unitMinor: c.unitMinor,
        quantity: c.quantity,
        description: c.description,
        category: c.category,
      }));
      await api.post(`/folio/folios/${enc(folioId)}/posting-sets`, {
        requestId: request.idFor([folioId, lines]),
        lines,
      });
      request.done();
      setQuick(null);
      setTemplate(null);
      onPosted();
    });
  const submitForm = (e: Event, base: { description: string; category: string } | null) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const unitMinor = toMinor(String(f.get('amount') ?? ''), property.currency);
    if (unitMinor === null) return;
    post([
      {
        description: base?.description ?? String(f.get('description') ?? '').trim(),
        category: base?.category ?? String(f.get('category') ?? 'MISC'),
        unitMinor,
        quantity: Math.max(1, Number(f.get('quantity') ?? 1) || 1),
      },
    ]);
  };
  return (
    <div class="post-charge" data-testid="post-charge">
      <div class="tabs small-tabs" role="tablist">
        {(['quick', 'custom', 'templates'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            class={tab === k ? 'active' : ''}
            data-testid={`charge-tab-${k}`}
            onClick={() => setTab(k)}
          >
            {t(k)}
          </button>
        ))}
      </div>
      {tab === 'quick' && (
        <>
          <div class="quick-grid">
            {QUICK.map((q) => (
              <button
                key={q.key}
                type="button"
                data-testid={`quick-${q.key}`}
                class={quick?.key === q.key ? 'active' : ''}
                onClick={() => setQuick(q)}
              >
                {q.label[language]}
              </button>
            ))}
          </div>
          {quick && (
            <form
              class="fields"
              onSubmit={(e) => submitForm(e, { description: quick.label.en, category: quick.category })}
            >
              <label>
                {quick.label[language]} · {t('amount')}
                <input
                  ref={amountRef}
                  name="amount"
                  inputMode="decimal"
                  required
                  data-testid="quick-amount"
                />
              </label>
              <button type="submit" class="primary" data-testid="quick-post" disabled={action.busy}>
                {t('post')}
              </button>
            </form>
          )}
        </>
      )}
      {tab === 'custom' && (
        <form class="fields" onSubmit={(e) => submitForm(e, null)} data-testid="custom-charge">
          <label>
            {t('description')}
            <input name="description" required data-testid="custom-description" />
          </label>
          <label>
            {t('category')}
            <select name="category" data-testid="custom-category">
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('amount')}
            <input name="amount" inputMode="decimal" required data-testid="custom-amount" />
          </label>
          <label>
            {t('quantity')}
            <input name="quantity" type="number" min={1} defaultValue="1" />
          </label>
          <button type="submit" class="primary" data-testid="custom-post" disabled={action.busy}>
            {t('post')}
          </button>
        </form>
      )}
      {tab === 'templates' && <Templates onPick={setTemplate} picked={template?.name ?? null} />}
      {tab === 'templates' && template && (
        <div class="confirm">
          <p>
            {template.name}:{' '}
            <Money minor={template.charges.reduce((s, c) => s + c.unitMinor * c.quantity, 0)} />
          </p>
          <button
            type="button"
            class="primary"
            data-testid="template-post"
            disabled={action.busy}
            onClick={() => post(template.charges)}
          >
            {t('post')}
          </button>
        </div>
      )}
      <ErrorNote error={action.error} />
    </div>
  );
}

function Templates({
  onPick,
  picked,
}: {
  onPick: (t: { name: string; charges: Charge[] }) => void;
  picked: string | null;
}) {
  const setup = useLoad(() => api.get<Setup>('/desk/setup'), []);
  const outlets = setup.data?.outlets ?? [];
  const catalogs = useLoad(
    () =>
      Promise.all(
        outlets.map(async (o) => ({
          outlet: o,
          catalog: await api
            .get<Catalog & { items: Array<{ taxClass?: string }> }>(`/outlets/${enc(o.code)}/catalog`)
            .catch(() => null),
        })),
      ),
    [outlets.length],
  );
  return (
    <div class="quick-grid" data-testid="templates">
      {(catalogs.data ?? []).flatMap(({ outlet, catalog }) =>
        (catalog?.templates ?? []).map((tpl) => {
          const charges: Charge[] = tpl.lines.flatMap((line) => {
            const item = catalog?.items.find((i) => i.sku === line.sku);
            if (!item) return [];
            const taxClass = (item as { taxClass?: string }).taxClass ?? '';
            return [
              {
                description: `${outlet.name}: ${item.name}`,
                category: categoryOfTaxClass(taxClass),
                unitMinor: item.priceMinor,
                quantity: line.quantity,
              },
            ];
          });
          const name = `${outlet.name}: ${tpl.name}`;
          return (
            <button
              key={`${outlet.code}-${tpl.code}`}
              type="button"
              class={picked === name ? 'active' : ''}
              data-testid={`template-${tpl.code}`}
              onClick={() => onPick({ name, charges })}
            >
              {name}
            </button>
          );
        }),
      )}
    </div>
  );
}
