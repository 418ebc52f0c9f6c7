// The incident-window figure: an inline SVG (no script, no external resource) with one lane per kind of
// actor, the anti-fraud decision marked, and the key events numbered to match the table under it.
import { html, type SafeHtml } from './html';
import type { ReportEvent, ReportModel } from './reportModel';
import { offsetLabel } from './timeFormat';
import type { MessageId, Translator } from '../i18n';

export interface KeyEvent {
  n: number;
  event: ReportEvent;
}

const W = 1000;
const LEFT = 150;
const RIGHT = 20;
const LANE_H = 46;
const TOP = 44;

const LANES = [
  { id: 'browse', label: 'report.figure.lane.browse' },
  { id: 'money', label: 'report.figure.lane.money' },
  { id: 'antifraud', label: 'report.figure.lane.antifraud' },
  { id: 'provider', label: 'report.figure.lane.provider' },
  { id: 'others', label: 'report.figure.lane.others' },
] as const satisfies readonly { id: string; label: MessageId }[];
type LaneId = (typeof LANES)[number]['id'];

const COLOURS = {
  authorised: '#1b7f3b',
  declined: '#d9822b',
  blocked: '#c0262d',
  other: '#5a6b7b',
  grey: '#b8c0c8',
  provider: '#3558a8',
};

function laneOf(e: ReportEvent, w: NonNullable<ReportModel['window']>): LaneId {
  const mine = w.evidenceIds.has(e.id) || (e.ip !== null && w.customerIps.has(e.ip));
  if (e.kind === 'antifraud_decision') return mine || e.outcome === 'blocked' ? 'antifraud' : 'others';
  if (e.kind === 'provider_call') return 'provider';
  if (e.kind === 'order' || e.kind === 'payment') return mine ? 'money' : 'others';
  if (e.kind === 'http_request') return mine ? 'browse' : 'others';
  return 'others';
}

/** The events worth a number: the finding's payments (or orders) and every anti-fraud stop. */
export function keyEvents(model: ReportModel): KeyEvent[] {
  const w = model.window;
  if (!w) return [];
  const inWindow = w.events.filter((e) => w.evidenceIds.has(e.id) || (e.kind === 'antifraud_decision' && e.outcome === 'blocked'));
  const payments = inWindow.filter((e) => e.kind === 'payment');
  const money = payments.length > 0 ? payments : inWindow.filter((e) => e.kind === 'order');
  const picked = [...money, ...inWindow.filter((e) => e.kind === 'antifraud_decision')]
    .sort((a, b) => a.ts - b.ts || a.id - b.id)
    .slice(0, 14);
  return picked.map((event, i) => ({ n: i + 1, event }));
}

function tickStep(spanMs: number): number {
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
  return steps.find((s) => spanMs / s <= 12) ?? steps[steps.length - 1];
}

export function renderTimelineFigure(model: ReportModel, keys: KeyEvent[], tr: Translator): SafeHtml {
  const w = model.window;
  if (!w) return html`<p class="muted">${tr.t('report.figure.noEvents')}</p>`;
  const tz = model.tz;
  const span = Math.max(w.to - w.from, 60_000);
  const x = (ts: number) => LEFT + ((ts - w.from) / span) * (W - LEFT - RIGHT);
  const laneY = (id: LaneId) => TOP + LANES.findIndex((l) => l.id === id) * LANE_H + LANE_H / 2;
  const height = TOP + LANES.length * LANE_H + 34;

  const step = tickStep(span);
  // Ticks on round UTC multiples of the step: round local times too for every whole-hour zone offset.
  const ticks: number[] = [];
  const firstLocal = Math.ceil(w.from / step) * step;
  for (let t = firstLocal; t <= w.to; t += step) ticks.push(t);

  const keyIds = new Map(keys.map((k) => [k.event.id, k.n]));
  const marks: SafeHtml[] = [];
  // Background traffic first (small), then the customer's events, then the numbered keys on top.
  const ordered = [...w.events].sort((a, b) => Number(keyIds.has(a.id)) - Number(keyIds.has(b.id)));
  for (const e of ordered) {
    const lane = laneOf(e, w);
    const cx = x(e.ts).toFixed(1);
    const cy = laneY(lane);
    if (lane === 'others') {
      marks.push(html`<line x1="${cx}" x2="${cx}" y1="${cy - 7}" y2="${cy + 7}" stroke="${COLOURS.grey}" stroke-width="1"/>`);
    } else if (lane === 'browse') {
      marks.push(html`<circle cx="${cx}" cy="${cy}" r="2.6" fill="#7a8da3"/>`);
    } else if (lane === 'provider') {
      marks.push(html`<rect x="${(x(e.ts) - 1.5).toFixed(1)}" y="${cy - 8}" width="3" height="16" fill="${COLOURS.provider}"/>`);
    } else if (lane === 'antifraud') {
      const c = e.outcome === 'blocked' ? COLOURS.blocked : COLOURS.other;
      const r = e.outcome === 'blocked' ? 9 : 6;
      marks.push(html`<path d="M ${cx} ${cy - r} L ${(x(e.ts) + r).toFixed(1)} ${cy} L ${cx} ${cy + r} L ${(x(e.ts) - r).toFixed(1)} ${cy} Z" fill="${c}"/>`);
    } else {
      const c = COLOURS[e.outcome] ?? COLOURS.other;
      marks.push(html`<circle cx="${cx}" cy="${cy}" r="${e.kind === 'payment' ? 6 : 4.5}" fill="${c}" stroke="#fff" stroke-width="1"/>`);
    }
  }

  // The block: a red line across every lane, labelled, so the moment of the alert is unmistakable.
  const stops = w.events.filter((e) => e.kind === 'antifraud_decision' && e.outcome === 'blocked');
  let lastLabel = -Infinity;
  let labelRow = 0;
  const stopMarks = stops.slice(0, 6).map((e) => {
    const px = x(e.ts);
    labelRow = px - lastLabel < 150 ? labelRow + 1 : 0;
    lastLabel = px;
    const cx = px.toFixed(1);
    const label = tr.t('report.figure.stop', { review: /review|challenge/i.test(e.decision ?? '') ? 'yes' : 'no', time: tr.time(e.ts, tz, { seconds: true }) });
    return html`<line x1="${cx}" x2="${cx}" y1="${TOP - 4}" y2="${TOP + LANES.length * LANE_H}" stroke="${COLOURS.blocked}" stroke-width="1.5" stroke-dasharray="4 3"/>
${labelRow < 2 ? html`<text x="${cx}" y="${TOP - 8 - labelRow * 12}" text-anchor="${px > W - 120 ? 'end' : 'middle'}" class="stop">${label}</text>` : ''}`;
  });

  // Numbered badges, staggered in two rows when they would overlap.
  let lastX = -Infinity;
  let row = 0;
  const badges = keys.map((k) => {
    const lane = laneOf(k.event, w);
    const px = x(k.event.ts);
    row = px - lastX < 20 ? (row + 1) % 2 : 0;
    lastX = px;
    const by = laneY(lane) - 17 - row * 15;
    return html`<g><line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${by + 6}" y2="${laneY(lane) - 6}" stroke="#333" stroke-width="0.7"/>
<circle cx="${px.toFixed(1)}" cy="${by}" r="7" fill="#fff" stroke="#222" stroke-width="1"/>
<text x="${px.toFixed(1)}" y="${by + 3.5}" text-anchor="middle" class="badge">${k.n}</text></g>`;
  });

  const caption = tr.t('report.figure.window', { date: tr.dateLong(w.from, tz), from: tr.time(w.from, tz), to: tr.time(w.to, tz), zone: tr.zoneName(tz), offset: offsetLabel(w.from, tz) });
  return html`<figure class="timeline">
<svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${tr.t('report.figure.aria', { caption })}">
<style>text{font-family:Helvetica,Arial,sans-serif;font-size:11px;fill:#333}.lane{font-weight:600}.stop{fill:#c0262d;font-weight:700}.badge{font-size:9.5px;font-weight:700}.tick{fill:#666;font-size:10px}</style>
${LANES.map(
  (l, i) => html`<rect x="${LEFT}" y="${TOP + i * LANE_H}" width="${W - LEFT - RIGHT}" height="${LANE_H}" fill="${i % 2 ? '#ffffff' : '#f4f6f8'}"/>
<text x="8" y="${TOP + i * LANE_H + LANE_H / 2 + 4}" class="lane">${tr.t(l.label)}</text>`,
)}
${ticks.map(
  (t) => html`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP}" y2="${TOP + LANES.length * LANE_H + 4}" stroke="#d5dbe1" stroke-width="0.6"/>
<text x="${x(t).toFixed(1)}" y="${TOP + LANES.length * LANE_H + 16}" text-anchor="middle" class="tick">${tr.time(t, tz)}</text>`,
)}
${marks}
${stopMarks}
${badges}
</svg>
<figcaption>${tr.t('report.figure.caption', { caption })}</figcaption>
</figure>`;
}
