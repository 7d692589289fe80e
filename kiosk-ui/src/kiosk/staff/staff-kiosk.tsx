// Staff mode (restaurant, bar): PIN sign-in, then the check, the room, Room Found, and the charge's
// live status. Every call carries the session's token; the edge enforces seed 000's permission
// table, this UI only hides what the signed-in role cannot do.
import type { StaffSessionView } from '@roompost/sync/contract';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { formatStayDate } from '../../shared/stay-date.js';
import { EdgeRequestError } from '../api/edge-client.js';
import { createCheckOnce, newRequestId } from '../confirm/create-check.js';
import { DevPanel } from '../dev/dev-panel.js';
import type { KioskEvent } from '../events/kiosk-event.js';
import { useKioskEvents } from '../events/use-kiosk-events.js';
import type { Lang } from '../i18n/i18n.js';
import { useKiosk } from '../kiosk-context.js';
import { goodsSubtotal } from '../order/delivery-line.js';
import { useQuote } from '../order/use-quote.js';
import { ReceiptPreview } from '../service/receipt-preview.js';
import { ServiceButton, ServiceScreen } from '../service/service-screen.js';
import { useIdle } from '../shell/use-idle.js';
import { signatureNeed } from '../signature/signature-rule.js';
import './staff.css';
import { NotAvailableScreen } from './not-available-screen.js';
import { PendingScreen } from './pending-screen.js';
import { PinScreen } from './pin-screen.js';
import { RoomFoundScreen } from './room-found-screen.js';
import { asEdgeError, RoomScreen } from './room-screen.js';
import { StaffSignatureScreen } from './signature-screen.js';
import { emptyStaffCart, staffCartItems, staffCartReducer } from './staff-cart.js';
import { StaffChargedScreen } from './staff-charged-screen.js';
import { StaffContext, type StaffContextValue, useStaff } from './staff-context.js';
import { initialStaffFlow, type StaffFlowAction, staffFlowReducer } from './staff-flow.js';
import { type LinkHealth, StaffHeader } from './staff-header.js';
import { StaffOrderScreen } from './staff-order-screen.js';
import { type TipChoice, tipMinorOf } from './tip-entry.js';
import { TodayScreen } from './today-screen.js';
import { usePendingCount } from './use-pending-count.js';

const NO_TIP: TipChoice = { kind: 'percent', percent: null };
/** A shared terminal: untouched this long, the staff member is signed out (the edge also ends idle sessions). */
const STAFF_IDLE_MS = 5 * 60_000;

export function StaffKiosk({ initialCentral }: { initialCentral: 'online' | 'offline' }) {
  const { outlet, client, lang, setLang, t, money, locale } = useKiosk();
  const [session, setSession] = useState<StaffSessionView | null>(null);

  const signOut = useCallback(() => {
    void client.signOut();
    setSession(null);
  }, [client]);

  const staff = useMemo<StaffContextValue | null>(() => {
    if (!session) return null;
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: outlet.timeZone });
    return {
      session,
      lang,
      t,
      money,
      date: (iso) => formatStayDate(iso, locale),
      time: (iso) => time.format(new Date(iso)),
      may: (action) => session.permissions.includes(action),
    };
  }, [session, lang, t, money, locale, outlet.timeZone]);

  return (
    <>
      {staff ? (
        <StaffContext.Provider value={staff}>
          <SignedIn initialCentral={initialCentral} lang={lang} onLang={setLang} onSignOut={signOut} />
        </StaffContext.Provider>
      ) : (
        <div class="kiosk staff" data-screen="sign-in" lang={lang}>
          <StaffHeader
            staff={null}
            t={t}
            lang={lang}
            onLang={setLang}
            health={initialCentral}
            pendingCount={0}
            onPending={() => {}}
            onSignOut={() => {}}
          />
          <main class="screen">
            <PinScreen t={t} onSignedIn={setSession} />
          </main>
        </div>
      )}
    </>
  );
}

interface SignedInProps {
  initialCentral: 'online' | 'offline';
  lang: Lang;
  onLang: (lang: Lang) => void;
  onSignOut: () => void;
}

function SignedIn({ initialCentral, lang, onLang, onSignOut }: SignedInProps) {
  const { client, outlet } = useKiosk();
  const staff = useStaff();
  const [cart, cartDispatch] = useReducer(staffCartReducer, emptyStaffCart);
  const [flow, dispatchFlow] = useReducer(staffFlowReducer, initialStaffFlow);
  const [central, setCentral] = useState<'online' | 'offline' | 'unknown'>(initialCentral);
  // Central's word on the PMS link: the header is amber in an outage before this outlet's charges fail.
  const [pms, setPms] = useState<'ok' | 'trouble' | null>(null);
  const [tip, setTip] = useState<TipChoice>(NO_TIP);
  const [posting, setPosting] = useState(false);
  const sent = useRef(false);
  // In-room dining: "delivery to room" starts as the outlet says; null where there is no delivery charge.
  const deliveryDefault = outlet.delivery ? outlet.delivery.defaultOn : null;
  const [delivery, setDelivery] = useState<boolean | null>(deliveryDefault);
  const deliveryOn = delivery === true;

  const items = useMemo(() => staffCartItems(cart), [cart]);
  const base = useQuote(items, 0, deliveryOn);
  // Tip % of the goods: the subtotal without the delivery charge line.
  const tipMinor = base.quote ? tipMinorOf(tip, goodsSubtotal(base.quote), outlet.tipPercentPresets) : 0;
  const withTip = useQuote(items, tipMinor, deliveryOn);
  // The check's total as it stands, so a lookup (typed or tapped) is checked against the credit left.
  const totalNow = useRef<number | null>(null);
  totalNow.current = withTip.quote?.totalMinor ?? base.quote?.totalMinor ?? null;
  const dispatch = useCallback((action: StaffFlowAction) => {
    dispatchFlow(action.type === 'looked-up' ? { ...action, totalMinor: totalNow.current } : action);
  }, []);
  const shownTotal = withTip.quote?.totalMinor ?? null;
  useEffect(() => {
    if (shownTotal !== null) dispatch({ type: 'total-changed', totalMinor: shownTotal });
  }, [shownTotal, dispatch]);
  // Room Found shows the check's own number: held at the edge for this check, taken by its Post,
  // given back (to the next check) when staff start over.
  const [hold, setHold] = useState<{ id: string; number: string | null } | null>(null);
  const holding = flow.screen === 'found' || flow.screen === 'unavailable' || flow.screen === 'sign';
  useEffect(() => {
    if (!holding || hold) return;
    const id = newRequestId();
    setHold({ id, number: null });
    client.holdCheckNumber(id).then(
      ({ checkNumber }) => setHold((h) => (h?.id === id ? { id, number: checkNumber } : h)),
      () => {}, // Room Found then says "next"; the check still gets its number when it is made
    );
  }, [holding, hold, client]);
  useEffect(() => {
    if (flow.screen === 'charged') setHold(null); // taken by the check
    if (flow.screen === 'order' && hold) {
      void client.releaseCheckNumber(hold.id).catch(() => {});
      setHold(null);
    }
  }, [flow.screen, hold, client]);
  // Signing out (or timing out) on Room Found gives its held number back first, while the token is good.
  const holdNow = useRef(hold);
  holdNow.current = hold;
  const signOutReleasing = useCallback(() => {
    const held = holdNow.current;
    if (!held) return onSignOut();
    void client
      .releaseCheckNumber(held.id)
      .catch(() => {})
      .finally(onSignOut);
  }, [client, onSignOut]);
  const { count, trouble } = usePendingCount(onSignOut);
  useIdle(true, STAFF_IDLE_MS, signOutReleasing);

  const startOver = useCallback(() => {
    cartDispatch({ type: 'clear' });
    setTip(NO_TIP);
    setDelivery(deliveryDefault);
    sent.current = false;
    setPosting(false);
    dispatch({ type: 'start-over' });
  }, [deliveryDefault]);

  const onEvent = useCallback((event: KioskEvent) => {
    if (event.type === 'tap') {
      if (event.data.ok) dispatch({ type: 'looked-up', lookup: event.data.lookup });
      else dispatch({ type: 'lookup-failed', error: event.data.error });
    } else if (event.type === 'charge') {
      dispatch({ type: 'charge-updated', charge: event.data });
    } else if (event.type === 'connection') {
      setCentral(event.data.central);
      if (event.data.pms) setPms(event.data.pms);
    }
  }, []);
  useKioskEvents(client.eventsUrl(), {
    onEvent,
    onOpen: () =>
      client.health().then(
        (h) => {
          setCentral(h.central);
          if (h.pms) setPms(h.pms);
        },
        () => setCentral('unknown'),
      ),
    onLost: () => setCentral('unknown'),
  });

  const post = (overrideReason: string | null, signaturePng: string | null = null) => {
    const lookup =
      flow.screen === 'found' || flow.screen === 'unavailable' || flow.screen === 'sign' ? flow.lookup : null;
    if (!lookup || !withTip.quote || sent.current) return;
    sent.current = true;
    setPosting(true);
    createCheckOnce(client.createCheck, {
      verificationId: lookup.verificationId,
      items,
      tipMinor,
      ...(deliveryOn ? { delivery: true } : {}),
      employeeId: null,
      override: overrideReason ? { reason: overrideReason } : null,
      signaturePng,
      ...(hold ? { checkNumberHold: hold.id } : {}),
    })
      .then((charge) => dispatch({ type: 'charged', charge }))
      .catch((error: unknown) => {
        if (error instanceof EdgeRequestError && error.body?.code === 'UNAUTHENTICATED') return onSignOut();
        dispatch({ type: 'charge-refused', error: asEdgeError(error) });
      })
      .finally(() => {
        sent.current = false;
        setPosting(false);
      });
  };

  // At or above the outlet's signature threshold the guest signs first (seed 000), then it posts.
  const postOrSign = (overrideReason: string | null) => {
    if (withTip.quote && signatureNeed(outlet, withTip.quote.totalMinor) !== null) {
      dispatch({ type: 'sign', overrideReason });
    } else {
      post(overrideReason);
    }
  };

  const health: LinkHealth = central === 'online' && (trouble || pms === 'trouble') ? 'pms-trouble' : central;
  return (
    <div class="kiosk staff" data-screen={flow.screen} lang={lang}>
      <StaffHeader
        staff={staff}
        t={staff.t}
        lang={lang}
        onLang={onLang}
        health={health}
        pendingCount={count}
        onPending={() => dispatch({ type: 'show-pending' })}
        onSignOut={signOutReleasing}
      >
        {outlet.simulatedCards && outlet.simulatedCards.length > 0 && (
          <DevPanel cards={outlet.simulatedCards} />
        )}
        {staff.may('deviceService') && <ServiceButton onOpen={() => dispatch({ type: 'show-service' })} />}
      </StaffHeader>
      <main class="screen">
        {flow.screen === 'order' && (
          <StaffOrderScreen
            cart={cart}
            quote={base.quote}
            onCart={cartDispatch}
            onCheckout={() => dispatch({ type: 'charge-to-room' })}
            delivery={delivery}
            onDelivery={setDelivery}
          />
        )}
        {flow.screen === 'room' && (
          <RoomScreen quote={withTip.quote ?? base.quote} notice={flow.notice} dispatch={dispatch} />
        )}
        {flow.screen === 'found' && (
          <RoomFoundScreen
            lookup={flow.lookup}
            checkNumber={hold?.number ?? null}
            baseQuote={base.quote}
            quote={withTip.quote}
            tip={tip}
            onTip={setTip}
            posting={posting}
            onPost={() => postOrSign(null)}
            onCancel={() => dispatch({ type: 'start-over' })}
          />
        )}
        {flow.screen === 'unavailable' && (
          <NotAvailableScreen
            lookup={flow.lookup}
            error={flow.error}
            quote={withTip.quote}
            posting={posting}
            onOverride={(reason) => postOrSign(reason)}
            dispatch={dispatch}
          />
        )}
        {flow.screen === 'sign' && (
          <StaffSignatureScreen
            lookup={flow.lookup}
            quote={withTip.quote}
            posting={posting}
            onSigned={(png) => post(flow.overrideReason, png)}
            onBack={() => dispatch({ type: 'sign-back' })}
          />
        )}
        {flow.screen === 'charged' && (
          <StaffChargedScreen
            charge={flow.charge}
            central={central}
            dispatch={(a) => {
              // The check is done either way: Add to Queue clears it, then shows the pending list.
              if (a.type === 'start-over' || a.type === 'show-pending') startOver();
              if (a.type !== 'start-over') dispatch(a);
            }}
          />
        )}
        {flow.screen === 'pending' && <PendingScreen dispatch={dispatch} />}
        {flow.screen === 'service' && <ServiceScreen onBack={() => dispatch({ type: 'start-over' })} />}
        {flow.screen === 'charged' && <ReceiptPreview chargeId={flow.charge.id} />}
        {flow.screen === 'today' && <TodayScreen dispatch={dispatch} />}
        {flow.screen === 'instruction' && (
          <div class="instruction" data-testid="instruction-screen" data-message={flow.message}>
            <p class="instruction-text">{staff.t(flow.message)}</p>
            <button type="button" class="button button--primary" data-testid="done" onClick={startOver}>
              {staff.t('instruction.done')}
            </button>
          </div>
        )}
      </main>
    </div>
  );
}
