// Seed 000 "GUEST SIGNATURE": a finger (or mouse) draws on a canvas with pointer events; Clear
// starts again, Done hands back a PNG (base64, white background, black ink, scaled into the box the
// receipt printer prints). Large targets, nothing on hover.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.js';
import { exportSize } from './signature-rule.js';
import './signature.css';
import { Icon } from '../shell/icon.js';

export interface SignaturePadProps {
  t: Translate;
  /** Required: no Skip, and Done waits for ink. */
  required: boolean;
  busy: boolean;
  /** The printable box (OutletView.signature): the saved image fits in it. */
  box?: { maxWidth: number; maxHeight: number } | undefined;
  /** The PNG as base64 without the data: prefix; null when the guest skipped (optional only). */
  onDone: (png: string | null) => void;
  onBack: () => void;
}

export function SignaturePad({ t, required, busy, box, onDone, onBack }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [inked, setInked] = useState(false);

  // The canvas draws at its on-screen size (1 px per CSS px), set once it is laid out.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const fit = () => {
      const box = c.getBoundingClientRect();
      if (Math.round(box.width) === c.width && Math.round(box.height) === c.height) return;
      c.width = Math.max(1, Math.round(box.width));
      c.height = Math.max(1, Math.round(box.height));
      setInked(false);
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const point = (e: PointerEvent) => {
    const c = canvas.current as HTMLCanvasElement;
    const box = c.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) * c.width) / box.width,
      y: ((e.clientY - box.top) * c.height) / box.height,
    };
  };
  const ink = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (to.x === from.x && to.y === from.y ? 0.1 : 0), to.y);
    ctx.stroke();
  };

  const down = (e: PointerEvent) => {
    if (busy) return;
    e.preventDefault();
    canvas.current?.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = p;
    ink(p, p);
    setInked(true);
  };
  const move = (e: PointerEvent) => {
    const from = drawing.current;
    if (!from) return;
    e.preventDefault();
    const to = point(e);
    ink(from, to);
    drawing.current = to;
  };
  const up = () => {
    drawing.current = null;
  };

  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setInked(false);
  };

  const done = () => {
    const c = canvas.current;
    if (!c || !inked) return;
    const size = exportSize(c.width, c.height, box);
    const out = document.createElement('canvas');
    out.width = size.width;
    out.height = size.height;
    const ctx = out.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(c, 0, 0, size.width, size.height);
    onDone(out.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''));
  };

  return (
    <div class="signature-pad">
      <canvas
        ref={canvas}
        class="signature-canvas"
        data-testid="signature-canvas"
        data-inked={String(inked)}
        role="img"
        aria-label={t('sign.area')}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <div class="signature-line" aria-hidden="true">
        <Icon name="cross" />
      </div>
      <div class="actions signature-actions">
        <button type="button" class="button" data-testid="signature-back" disabled={busy} onClick={onBack}>
          {t('sign.back')}
        </button>
        <button
          type="button"
          class="button"
          data-testid="signature-clear"
          disabled={busy || !inked}
          onClick={clear}
        >
          {t('sign.clear')}
        </button>
        {!required && (
          <button
            type="button"
            class="button"
            data-testid="signature-skip"
            disabled={busy}
            onClick={() => onDone(null)}
          >
            {t('sign.skip')}
          </button>
        )}
        <button
          type="button"
          class="button button--primary"
          data-testid="signature-done"
          disabled={busy || !inked}
          onClick={done}
        >
          {t('sign.done')}
        </button>
      </div>
    </div>
  );
}
