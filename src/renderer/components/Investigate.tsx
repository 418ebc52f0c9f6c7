// The investigation view: the timeline above, the entity graph below, a splitter between them (drag it, or focus it
// and use the arrow keys). Both read and write the shared selection store (focus, highlighted evidence, visible
// window, filter). Each view is its own chunk (lazyViews.tsx), shown in its pane as soon as it has run.
import { t } from '../i18n';
import { useRef, useState } from 'react';
import { GraphView, TimelineView } from '../lazyViews';

const KEY = 'alibi.investigate.split';
const clamp = (v: number) => Math.min(80, Math.max(20, v));

export function Investigate() {
  const root = useRef<HTMLDivElement>(null);
  const [split, setSplit] = useState(() => clamp(Number(localStorage.getItem(KEY)) || 55));
  const set = (v: number) => {
    const c = clamp(Math.round(v));
    setSplit(c);
    localStorage.setItem(KEY, String(c));
  };
  const drag = (e: React.PointerEvent<HTMLDivElement>) => {
    const box = root.current?.getBoundingClientRect();
    if (!box) return;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => set(((ev.clientY - box.top) / box.height) * 100);
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <div className="investigate" ref={root} style={{ ['--split' as string]: `${split}fr`, gridTemplateRows: `${split}fr 10px ${100 - split}fr` }}>
      <section className="pane timeline-pane" aria-label={t('ui.inv.timeline')}><TimelineView /></section>
      <div
        className="splitter"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('ui.inv.resize')}
        aria-valuenow={split}
        aria-valuemin={20}
        aria-valuemax={80}
        tabIndex={0}
        onPointerDown={drag}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp') (e.preventDefault(), set(split - 5));
          if (e.key === 'ArrowDown') (e.preventDefault(), set(split + 5));
        }}
      />
      <section className="pane graph-pane" aria-label={t('ui.inv.graph')}><GraphView /></section>
    </div>
  );
}
