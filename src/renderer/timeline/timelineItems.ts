// Turns engine results (buckets, events, markers) into vis-timeline items, and builds every item's DOM with
// textContent: case data never reaches innerHTML (vis-timeline's own string path goes through innerHTML).
// Their words (badges, tooltips, findings' titles) come from the catalogue in the language on screen.
import { t, tr } from '../i18n';
import { formatCount } from '../format';
import { EVENT_KIND_LABELS, labelOf } from '../labels';
import type {
  TimelineBucketsResult, TimelineEvent, TimelineGroup, TimelineMarker,
} from '../../core/timeline/timeline';

export const MARKER_GROUP_ID = '~markers';

/** What each item carries besides vis-timeline's own fields; the template reads it. */
export interface ItemPayload {
  id: string;
  group?: string;
  start: number;
  end?: number;
  type: 'range' | 'point' | 'box' | 'background';
  className: string;
  /** Plain text shown in the item. */
  text: string;
  /** Plain text of the tooltip, or how to write it: bucket and event tips are written when hovered (formatting
   *  hundreds of zoned times up front was ~20 ms of every window shown, the first paint's included). */
  tip: string | (() => string);
  /** Set on event items. */
  eventId?: number;
  /** Set on bucket items: zooming into it. */
  bucket?: { start: number; end: number };
  /** Set on marker items. */
  marker?: TimelineMarker;
}

/** An item's tooltip text ('' for none). */
export function tipText(item: Pick<ItemPayload, 'tip'> | null | undefined): string {
  const tip = item?.tip;
  return typeof tip === 'function' ? tip() : (tip ?? '');
}

/** The `tooltip.template` option: a DOM node (vis-timeline inserts an Element as is, a string through innerHTML). */
export function tipElement(text: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'tl-tip';
  el.textContent = text;
  return el;
}

/** The `tooltip.template` option itself: the item's tip as a text node, nothing for an item without one. */
export function tipTemplate(item: ItemPayload | null): HTMLElement | '' {
  const text = tipText(item);
  return text ? tipElement(text) : '';
}

/** The vis-timeline `template` option: plain text into a span, never HTML. */
export function itemTemplate(item: ItemPayload): HTMLElement {
  const span = document.createElement('span');
  span.textContent = item.text ?? '';
  return span;
}

/** The `groupTemplate` option: group labels are file names, IPs or customer ids — data, shown as text. */
export function groupTemplate(group: { content?: string; count?: number; role?: string; roleLabel?: string; roleBadge?: string; alert?: boolean } | null): HTMLElement {
  const div = document.createElement('div');
  div.className = 'tl-group';
  if (group?.alert) {
    const a = document.createElement('span');
    a.className = 'tl-lane-alert';
    a.textContent = t('ui.tl.laneAlert');
    a.title = t('ui.tl.laneAlertTitle');
    div.appendChild(a);
  }
  // The lane's name before its role: a narrow label keeps the IP readable and cuts the badge instead.
  const name = document.createElement('span');
  name.className = 'tl-lane-name';
  name.textContent = group?.content ?? '';
  div.appendChild(name);
  if (group?.role) {
    const badge = document.createElement('span');
    badge.className = `tl-lane-badge role role-${group.role.replace(/[^a-z-]/g, '')}`;
    badge.textContent = group.roleBadge ?? group.roleLabel ?? group.role;
    div.appendChild(badge);
  }
  if (group?.count != null) {
    const n = document.createElement('span');
    n.className = 'tl-group-count';
    n.textContent = ` ${formatCount(group.count)}`;
    div.appendChild(n);
  }
  div.title = [group?.content, group?.roleLabel, group?.count != null ? formatCount(group.count) : null].filter(Boolean).join(' · ');
  return div;
}

export interface LaneInfo {
  /** IP role of an IP lane (colour and badge). */
  role?: string;
  roleLabel?: string;
  /** The role in a word, for the lane's badge. */
  roleBadge?: string;
  /** A lane of the case's alert: listed first. */
  alert?: boolean;
}

/** Lanes in order: the alert's lanes first (added when the top lanes miss them), then the busiest. */
export function groupItems(groups: TimelineGroup[], laneOf: (id: string) => LaneInfo = () => ({}), alertLanes: string[] = []) {
  const known = new Map(groups.map((g) => [g.id, g]));
  const ordered = [...alertLanes.filter((id) => known.has(id)).map((id) => known.get(id)!), ...alertLanes.filter((id) => !known.has(id)).map((id) => ({ id, label: id, count: undefined as unknown as number })), ...groups.filter((g) => !alertLanes.includes(g.id))];
  return ordered.map((g, i) => {
    const lane = laneOf(g.id);
    return {
      id: g.id, content: g.label, count: g.count, title: g.label, order: i + 1,
      role: lane.role, roleLabel: lane.roleLabel, roleBadge: lane.roleBadge, alert: alertLanes.includes(g.id),
      className: lane.role ? `tl-lane tl-lane-${lane.role.replace(/[^a-z-]/g, '')}` : 'tl-lane',
    };
  });
}

/** The engine's one-line summary of an event with its leading kind word ("order 48218 …", "payment …") in the
 *  language on screen; the rest is the event's own data. */
export function localEventLabel(kind: string, label: string): string {
  const lead = kind === 'antifraud_decision' ? 'decision' : kind; // a decision without its value says "decision"
  if (label !== lead && !label.startsWith(`${lead} `)) return label;
  return `${labelOf(EVENT_KIND_LABELS, kind)}${label.slice(lead.length)}`;
}

/** Evidence events of the selected finding or alert: a mark in their lane, whatever the zoom. */
export function evidenceItems(events: { id: number; ts: number; group: string; label: string }[], fmt: (ms: number) => string): ItemPayload[] {
  return events.map((e) => ({
    id: `x:${e.id}`,
    group: e.group,
    start: e.ts,
    type: 'point' as const,
    className: 'tl-evidence',
    text: '◆',
    tip: t('ui.tl.evidenceTip', { label: e.label, time: fmt(e.ts) }),
    eventId: e.id,
  }));
}

/** Bucket counts as range items whose text is the count; shade by share of the busiest bucket. */
export function bucketItems(r: TimelineBucketsResult, fmt: (ms: number) => string): ItemPayload[] {
  const max = r.buckets.reduce((m, b) => Math.max(m, b.count), 1);
  // Every lane's buckets share the same bounds: each instant is formatted once (a zoned time with its zone name
  // costs ~40 µs; hundreds of buckets were ~40 ms of the first paint).
  const formatted = new Map<number, string>();
  const at = (ms: number) => {
    let s = formatted.get(ms);
    if (s === undefined) formatted.set(ms, (s = fmt(ms)));
    return s;
  };
  return r.buckets.map((b) => {
    const level = Math.min(4, Math.ceil((b.count / max) * 4));
    return {
      id: `b:${b.group}:${b.start}`,
      group: b.group,
      start: b.start,
      end: b.end,
      type: 'range',
      className: `tl-bucket tl-bucket-${level}`,
      text: formatCount(b.count),
      tip: () => t('ui.tl.bucketTip', { count: b.count, n: formatCount(b.count), from: at(b.start), to: at(b.end) }),
      bucket: { start: b.start, end: b.end },
    };
  });
}

export function eventItems(events: TimelineEvent[], highlight: Set<number>, selected: number | null, fmt: (ms: number) => string): ItemPayload[] {
  return events.map((e) => {
    const label = localEventLabel(e.kind, e.label);
    const tip = () => [
      label,
      fmt(e.ts),
      e.ip ? t('ui.tl.tipIp', { ip: e.ip }) : null,
      e.userAgent ? t('ui.tl.tipUserAgent', { ua: e.userAgent }) : null,
      e.decision ? t('ui.tl.tipDecision', { decision: e.decision }) : null,
    ].filter(Boolean).join('\n');
    const cls = ['tl-event', `tl-kind-${e.kind.replace(/[^a-z_]/g, '')}`];
    if (highlight.has(e.id)) cls.push('tl-highlight');
    if (e.id === selected) cls.push('tl-selected');
    return {
      id: `e:${e.id}`,
      group: e.group,
      start: e.ts,
      type: 'point',
      className: cls.join(' '),
      text: label,
      tip,
      eventId: e.id,
    };
  });
}

export function markerItems(markers: TimelineMarker[], fmt: (ms: number) => string): ItemPayload[] {
  const out: ItemPayload[] = [];
  for (const m of markers) {
    const sev = m.severity && /^[a-z]+$/.test(m.severity) ? m.severity : 'info';
    const label = tr().said(m.labelMsg, m.label);
    // written when hovered, as a bucket's: the first zoned time formatted costs ~10 ms (its formats made), and a
    // newly opened timeline has not needed one before its first paint
    const when = () => (m.end != null ? `${fmt(m.start)} → ${fmt(m.end)}` : fmt(m.start));
    out.push({
      id: `m:${m.id}`,
      group: MARKER_GROUP_ID,
      start: m.start,
      // a point, not a box: a box draws a line to the axis that makes the lane as tall as the view
      ...(m.end != null ? { end: m.end, type: 'range' as const } : { type: 'point' as const }),
      className: `tl-marker tl-marker-${m.type} tl-sev-${sev}`,
      text: label,
      tip: () => t(m.type === 'decision' ? 'ui.tl.decisionTip' : 'ui.tl.findingTip', { label, when: when(), count: m.eventIds.length, n: formatCount(m.eventIds.length) }),
      marker: m,
    });
    if (m.end != null) {
      // the finding's window shaded across every group
      out.push({ id: `w:${m.id}`, start: m.start, end: m.end, type: 'background', className: 'tl-finding-window', text: '', tip: '' });
    }
  }
  return out;
}
