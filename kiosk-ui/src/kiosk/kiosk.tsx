// The self-service kiosk: one cart, one flow, one event stream. Screens are chosen by the flow
// state (flow/flow.ts); each screen reports back through `dispatch`.
import type { KioskLookup } from '@roompost/sync/contract';
import { useCallback, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { LinkState } from '../shared/status-dot.js';
import { cartItems, cartReducer, emptyCart } from './cart/cart.js';
import { ChargedScreen } from './charged/charged-screen.js';
import { GuestScreen } from './confirm/guest-screen.js';
import { DevPanel } from './dev/dev-panel.js';
import type { KioskEvent } from './events/kiosk-event.js';
import { useKioskEvents } from './events/use-kiosk-events.js';
import { type FlowAction, flowReducer, initialFlow } from './flow/flow.js';
import { langOf } from './i18n/i18n.js';
import { IdentifyScreen } from './identify/identify-screen.js';
import { RoomEntryScreen } from './identify/room-entry-screen.js';
import { useKiosk } from './kiosk-context.js';
import { OrderScreen } from './order/order-screen.js';
import { useQuote } from './order/use-quote.js';
import { KioskHeader } from './shell/kiosk-header.js';
import { useIdle } from './shell/use-idle.js';
import { InstructionScreen } from './unavailable/instruction-screen.js';
import { UnavailableScreen } from './unavailable/unavailable-screen.js';

/** Untouched this long, any screen but the last ones (which count down themselves) starts over. */
const IDLE_MS = 90_000;

export function Kiosk({ initialCentral }: { initialCentral: 'online' | 'offline' }) {
  const { client, outlet, setLang } = useKiosk();
  const [cart, cartDispatch] = useReducer(cartReducer, emptyCart);
  const [flow, dispatchFlow] = useReducer(flowReducer, initialFlow);
  const [central, setCentral] = useState<LinkState>(initialCentral);
  // Central's word on the PMS: the guest header is amber during an outage too.
  const [pms, setPms] = useState<'ok' | 'trouble' | null>(null);

  const items = useMemo(() => cartItems(cart), [cart]);
  const { quote, failed: quoteFailed } = useQuote(items, 0);
  const total = useRef<number | null>(null);
  total.current = quote?.totalMinor ?? null;

  // Seed 000 "Credit Check": a guest found by card or room is checked against the order's total
  // before the guest screen (no tip, no signature is asked for a charge the room cannot take).
  const dispatch = useCallback(
    (action: FlowAction) => {
      const found: KioskLookup | null =
        action.type === 'looked-up'
          ? action.lookup
          : action.type === 'tapped' && action.result.ok
            ? action.result.lookup
            : null;
      if (!found?.chargesAllowed || total.current === null) return dispatchFlow(action);
      client.creditCheck(found.verificationId, total.current).then(
        (checked) => dispatchFlow({ type: 'looked-up', lookup: checked }),
        // The edge checks the credit again when the charge is made.
        () => dispatchFlow(action),
      );
    },
    [client],
  );

  // The next guest starts in the outlet's own language, whatever the last one switched to.
  const startOver = useCallback(() => {
    cartDispatch({ type: 'clear' });
    dispatch({ type: 'start-over' });
    setLang(langOf(outlet.locale));
  }, [setLang, outlet.locale]);

  const onEvent = useCallback(
    (event: KioskEvent) => {
      switch (event.type) {
        case 'tap':
          dispatch({ type: 'tapped', result: event.data });
          break;
        case 'charge':
          dispatch({ type: 'charge-updated', charge: event.data });
          break;
        case 'connection':
          setCentral(event.data.central);
          if (event.data.pms) setPms(event.data.pms);
          break;
        case 'door':
          // The guest closed the fridge their charge unlocked: the session is over (docs/devices.md).
          if (event.data.endsSession) startOver();
          break;
      }
    },
    [startOver],
  );

  useKioskEvents('/api/events', {
    onEvent,
    onOpen: () => {
      client.health().then(
        (health) => {
          setCentral(health.central);
          if (health.pms) setPms(health.pms);
        },
        () => setCentral('unknown'),
      );
    },
    onLost: () => setCentral('unknown'),
  });

  const idleWatch =
    !(flow.screen === 'order' && cart.lines.length === 0) &&
    flow.screen !== 'charged' &&
    flow.screen !== 'instruction';
  useIdle(idleWatch, IDLE_MS, startOver);

  return (
    <div class="kiosk" data-screen={flow.screen}>
      <KioskHeader central={central === 'online' && pms === 'trouble' ? 'pms-trouble' : central}>
        {outlet.simulatedCards && outlet.simulatedCards.length > 0 && (
          <DevPanel cards={outlet.simulatedCards} />
        )}
      </KioskHeader>
      <main class="screen">
        {flow.screen === 'order' && (
          <OrderScreen
            cart={cart}
            quote={quote}
            quoteFailed={quoteFailed}
            onCart={cartDispatch}
            onCheckout={() => dispatch({ type: 'charge-to-room' })}
          />
        )}
        {flow.screen === 'identify' && (
          <IdentifyScreen quote={quote} notice={flow.notice} dispatch={dispatch} />
        )}
        {flow.screen === 'room-entry' && (
          <RoomEntryScreen quote={quote} notice={flow.notice} dispatch={dispatch} />
        )}
        {flow.screen === 'guest' && (
          <GuestScreen lookup={flow.lookup} items={items} baseQuote={quote} dispatch={dispatch} />
        )}
        {flow.screen === 'charged' && (
          <ChargedScreen charge={flow.charge} dispatch={dispatch} onDone={startOver} />
        )}
        {flow.screen === 'unavailable' && (
          <UnavailableScreen
            problem={flow.problem}
            lookup={flow.lookup}
            dispatch={dispatch}
            onCancel={startOver}
          />
        )}
        {flow.screen === 'instruction' && (
          <InstructionScreen choice={flow.choice} nothingCharged={flow.nothingCharged} onDone={startOver} />
        )}
      </main>
    </div>
  );
}
