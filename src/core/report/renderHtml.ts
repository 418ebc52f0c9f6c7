// The report as one self-contained HTML document: inline CSS and SVG, no script, no link to anything
// outside the file, a CSP that forbids loading anything, and every case value escaped by `html`.
import { html, clip, type SafeHtml } from './html';
import type { ReportModel, ReportEvent } from './reportModel';
import { keyEvents, renderTimelineFigure } from './timelineFigure';
import { answer, assessmentWords, recommendations, summaryParagraphs, verdictText } from './story';
import { offsetLabel, isoToMs } from './timeFormat';
import { BLOCK_VERDICT_MSG, IDENTIFIER_KIND_MSG, ROLE_MSG, SEVERITY_MSG, termOr, translator, type MessageId, type Translator } from '../i18n';

/** A CSS string literal of a case value: every other character escaped, so nothing in it can close the string,
 *  the rule or the <style> element, nor read as url(, @import or a scheme. */
function cssString(text: string): string {
  return `"${[...clip(text, 200)].map((c) => (/[\p{L}\p{N} .,!?’«»—–_-]/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** Print pages: A4, margins, and the footer in the bottom margin (title left, "page n / total" right). */
function pageCss(footer: string, pageWord: string): string {
  const box = 'font: 7.5px Helvetica, Arial, sans-serif; color: #666;';
  return `@page { size: A4; margin: 14mm 10mm 16mm 10mm;
  @bottom-left { content: ${cssString(footer)}; ${box} }
  @bottom-right { content: ${cssString(pageWord)} " " counter(page) " / " counter(pages); ${box} } }`;
}

const CSS = `
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; line-height: 1.42; color: #1d2530; margin: 0; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 1.5mm; color: #14233a; }
h2 { font-size: 13.5pt; margin: 8mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 2px solid #14233a; color: #14233a; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1.5mm 0; }
.sub { color: #4b5a6b; margin-bottom: 2.5mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 8.8pt; }
th, td { border-bottom: 1px solid #dde3ea; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; overflow-wrap: break-word; unicode-bidi: plaintext; }
.hash { word-break: break-all; }
.sha { font-size: 6.7pt; }
th { background: #eef2f6; font-weight: 600; }
tr { break-inside: avoid; }
table.meta { width: auto; font-size: 9pt; }
table.meta.head th, table.meta.head td { padding: 0.6mm 1.6mm; }
table.meta th { background: none; padding-right: 6mm; color: #4b5a6b; font-weight: 500; }
.verdict { border-left: 5px solid #14233a; background: #f1f5f9; padding: 3mm 4mm; margin: 3mm 0; break-inside: avoid; }
.verdict .headline { font-size: 12.5pt; font-weight: 700; }
.verdict .prov { color: #4b5a6b; font-size: 9pt; }
.banner { background: #fff6df; border: 1px solid #e8c76a; padding: 2mm 3mm; font-size: 9pt; margin: 2mm 0; }
.badge { display: inline-block; padding: 0.2mm 2mm; border-radius: 2mm; font-size: 8pt; font-weight: 700; white-space: nowrap; }
.do-not-block { background: #c0262d; color: #fff; }
.caution { background: #e9a23b; color: #231a00; }
.safe { background: #d6ecd9; color: #16502a; }
.sev-high { background: #c0262d; color: #fff; }
.sev-medium { background: #e9a23b; color: #231a00; }
.sev-low { background: #d6ecd9; color: #16502a; }
.finding { border: 1px solid #dde3ea; border-radius: 2mm; padding: 2mm 4mm 3mm; margin: 3mm 0; }
.mono, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7.8pt; }
.raw { color: #4b5a6b; white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #6b7886; font-size: 9pt; }
.ok { color: #16502a; font-weight: 700; }
.bad { color: #c0262d; font-weight: 700; }
figure.timeline { margin: 2mm 0; break-inside: avoid; }
figure.timeline svg { border: 1px solid #dde3ea; }
figcaption { font-size: 8.5pt; color: #4b5a6b; margin-top: 1mm; }
ol.recs li { margin: 1.2mm 0; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
.answer { font-size: 10pt; line-height: 1.36; }
.answer h3 { font-size: 10.8pt; margin: 3mm 0 0.8mm; color: #14233a; }
.answer p { margin: 1mm 0; }
.answer ol, .answer ul { margin: 0.6mm 0; padding-left: 6mm; }
.answer li { margin: 0.4mm 0; }
.answer .verdict { margin: 2mm 0; padding: 2.5mm 4mm; }
.page-break { break-before: page; }
.appendix-title { font-size: 16pt; border-bottom: 3px solid #14233a; }
.star { color: #9a6a00; font-weight: 700; }
.tag { display: inline-block; border: 1px solid #b8c4d0; border-radius: 1.5mm; padding: 0 1.5mm; margin: 0 1mm 0.5mm 0; font-size: 8pt; }
.nowrap { white-space: nowrap; }
@media print { main { padding: 0; } }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function sizeText(bytes: number, tr: Translator): string {
  if (bytes < 1024) return tr.t('format.bytes', { n: tr.number(bytes) });
  if (bytes < 1024 * 1024) return tr.t('format.kib', { n: tr.number(bytes / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
  return tr.t('format.mib', { n: tr.number(bytes / 1024 / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
}

/** A term of the analysis vocabulary, or its code when this version has no words for it. */
function term(tr: Translator, map: Record<string, MessageId>, code: string): string {
  const id = termOr(map, code);
  return id ? tr.t(id) : code;
}

/** "shop-orders.csv · row 12": where an event comes from, in the report's language. */
function sourceText(e: ReportEvent, tr: Translator): string {
  const row = /:(\d+)$/.exec(e.source);
  return row ? tr.t('report.events.sourceRow', { file: e.source.slice(0, row.index), row: row[1] }) : e.source;
}

function eventRows(events: ReportEvent[], withRaw: boolean, tr: Translator, numbers?: Map<number, number>): SafeHtml {
  return html`<table>
<colgroup>${numbers ? html`<col style="width:5%">` : ''}<col style="width:21%"><col></colgroup>
<thead><tr>${numbers ? html`<th>#</th>` : ''}<th>${tr.t('report.events.when')}</th><th>${tr.t('report.events.what')}</th></tr></thead>
<tbody>${events.map((e) => {
    const source = sourceText(e, tr);
    return html`<tr>${numbers ? html`<td><b>${numbers.get(e.id) ?? ''}</b></td>` : ''}<td class="nowrap">${e.local}<div class="muted mono">${e.utc}</div></td>
<td>${e.what}<div class="muted">${source}</div>${withRaw ? html`<div class="raw mono">${e.raw}</div>` : ''}</td></tr>`;
  })}</tbody></table>`;
}

/** A stored ISO instant (note, import) in the case's zone with UTC beside, like every other time of the report. */
function stamp(iso: string, tz: string, sep: 'line' | 'dot', tr: Translator): SafeHtml | string {
  const ms = isoToMs(iso);
  if (ms === null) return iso;
  return sep === 'line'
    ? html`${tr.dateTimeInZone(ms, tz, { seconds: true })}<div class="muted mono">${tr.utc(ms)}</div>`
    : html`${tr.dateTimeInZone(ms, tz, { seconds: true })} · ${tr.utc(ms)}`;
}

/** Other customers' exposure: one line per breach, counted, not listed (they are not part of this alert). */
function breachOthers(m: ReportModel, tr: Translator): SafeHtml {
  const others = m.breach.filter((b) => !b.linkedToFinding);
  const byBreach = new Map<string, { date: string | null; ids: number; customers: Set<string>; kinds: Set<string> }>();
  for (const b of others) {
    const e = byBreach.get(b.hit.breachName) ?? { date: b.hit.breachDate, ids: 0, customers: new Set<string>(), kinds: new Set<string>() };
    e.ids++;
    b.customers.forEach((c) => e.customers.add(c));
    e.kinds.add(b.hit.identifierKind);
    byBreach.set(b.hit.breachName, e);
  }
  return html`${[...byBreach].map(
    ([name, e]) => html`<tr><td>${tr.t('report.breach.identifiers', { count: e.ids })}</td><td>${[...e.kinds].map((k) => term(tr, IDENTIFIER_KIND_MSG, k)).join(', ')}</td><td>${name}</td><td>${e.date ?? tr.t('report.unknown')}</td><td>${tr.t('report.breach.otherCustomers', { count: e.customers.size })}</td></tr>`,
  )}`;
}

export function renderReportDocument(m: ReportModel): string {
  const tz = m.tz;
  const tr = translator(m.lang);
  const verdict = verdictText(m, tr);
  const ans = answer(m, tr);
  const keys = keyEvents(m);
  const keyNumbers = new Map(keys.map((k) => [k.event.id, k.n]));
  const period = m.period
    ? tr.t('report.meta.periodRange', {
        from: tr.dateTime(m.period.from, tz, { seconds: true }),
        to: tr.dateTime(m.period.to, tz, { seconds: true }),
        zone: tr.zoneName(tz),
        offset: offsetLabel(m.period.from, tz),
      })
    : tr.t('report.meta.noEvents');
  const sources = m.verify.sources;
  const title = tr.t('report.title', { title: m.title });

  const body = html`<main>
<h1>${title}</h1>
<div class="sub">${tr.t('report.subtitle')}</div>
<table class="meta head">
${m.client ? html`<tr><th>${tr.t('report.meta.client')}</th><td>${m.client}</td></tr>` : ''}
${m.consultant ? html`<tr><th>${tr.t('report.meta.consultant')}</th><td>${m.consultant}</td></tr>` : ''}
<tr><th>${tr.t('report.meta.period')}</th><td>${period}</td></tr>
<tr><th>${tr.t('report.meta.generated')}</th><td>${tr.dateTimeInZone(m.generatedAt.getTime(), tz, { seconds: true })} · ${tr.utc(m.generatedAt.getTime())}</td></tr>
</table>
${m.redactedCopy ? html`<div class="banner">${tr.t('report.banner.shareCopy', { redact: m.redactedCopy.redact ? 'yes' : 'no', onlyEvidence: m.redactedCopy.onlyEvidence ? 'yes' : 'no' })}</div>` : ''}

<section class="answer" aria-labelledby="s-answer">
<h2 id="s-answer">${tr.t('report.section.answer')}</h2>
<div class="verdict"><div class="headline">${verdict.headline}</div>
<div class="prov">${verdict.provisional ? tr.t('report.verdict.provisional') : tr.t('report.verdict.recorded')}</div>
${verdict.reason ? html`<p>${verdict.reason}</p>` : ''}</div>
${ans.blocked || ans.why ? html`<h3>${tr.t('report.answer.blockedTitle')}</h3>${ans.blocked ? html`<p>${ans.blocked}</p>` : ''}${ans.why ? html`<p>${ans.why}</p>` : ''}` : ''}
${ans.indications.length || ans.toCheck.length ? html`<h3>${tr.t('report.answer.conclusion')}</h3>
${ans.indications.length ? html`<p>${tr.t('report.answer.indications')}</p><ul>${ans.indications.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
${ans.toCheck.length ? html`<p>${tr.t('report.answer.toCheck')}</p><ul>${ans.toCheck.map((x) => html`<li>${x}</li>`)}</ul>` : ''}` : ''}
<h3>${tr.t('report.answer.todo')}</h3>
<ol>${ans.actions.map((x) => html`<li>${x}</li>`)}</ol>
${ans.contacts.length ? html`<h3>${tr.t('report.answer.call')}</h3><ul>${ans.contacts.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
</section>

<section class="page-break" aria-labelledby="s-timeline">
<h2 id="s-timeline">${tr.t('report.section.timeline')}</h2>
${m.pseudonymise ? html`<div class="banner">${tr.t('report.banner.privacy', { example: 'person-3f2a1b' })}</div>` : ''}
${renderTimelineFigure(m, keys, tr)}
${keys.length ? html`<h3>${tr.t('report.keyEvents')}</h3>${eventRows(keys.map((k) => k.event), false, tr, keyNumbers)}` : ''}
</section>

<section aria-labelledby="s-marked">
<h2 id="s-marked">${tr.t('report.section.marked')}</h2>
${m.marked.length === 0 ? html`<p class="muted">${tr.t('report.marked.none')}</p>` : html`<p>${tr.t('report.marked.intro')}</p>
<table><colgroup><col style="width:21%"><col><col style="width:22%"></colgroup>
<thead><tr><th>${tr.t('report.events.when')}</th><th>${tr.t('report.events.what')}</th><th>${tr.t('report.marked.tags')}</th></tr></thead>
<tbody>${m.marked.map(({ event: e, starred, tags }) => html`<tr><td class="nowrap">${e.local}<div class="muted mono">${e.utc}</div></td><td>${e.what}<div class="muted">${sourceText(e, tr)}</div></td>
<td>${starred ? html`<span class="star">★ ${tr.t('report.marked.star')}</span> ` : ''}${tags.map((t) => html`<span class="tag">${t}</span>`)}</td></tr>`)}</tbody></table>`}
</section>

<section aria-labelledby="s-notes">
<h2 id="s-notes">${tr.t('report.section.notes')}</h2>
${m.notes.length === 0 ? html`<p class="muted">${tr.t('report.notes.none')}</p>` : html`<table><thead><tr><th class="nowrap">${tr.t('report.notes.when')}</th><th>${tr.t('report.notes.about')}</th><th>${tr.t('report.notes.note')}</th></tr></thead><tbody>${m.notes.map((n) => html`<tr><td class="nowrap">${stamp(n.at, tz, 'line', tr)}</td><td>${n.target}</td><td style="white-space:pre-wrap">${n.text}</td></tr>`)}</tbody></table>`}
</section>

<section class="page-break" aria-labelledby="s-appendix">
<h2 id="s-appendix" class="appendix-title">${tr.t('report.section.appendix')}</h2>
<p>${tr.t('report.appendix.intro')}</p>
<table class="meta"><tr><th>${tr.t('report.meta.case')}</th><td class="mono">${m.caseId}</td></tr></table>

<h3>${tr.t('report.section.summary')}</h3>
${summaryParagraphs(m, tr).map((p) => html`<p>${p}</p>`)}

<h3>${tr.t('report.section.ips')}</h3>
<p>${tr.t('report.ips.intro')}</p>
<table><colgroup><col style="width:15%"><col style="width:15%"><col style="width:24%"><col style="width:14%"><col style="width:32%"></colgroup><thead><tr><th>${tr.t('report.ips.ip')}</th><th>${tr.t('report.ips.role')}</th><th>${tr.t('report.ips.network')}</th><th>${tr.t('report.ips.activity')}</th><th>${tr.t('report.ips.impact')}</th></tr></thead>
<tbody>${m.ips.map(({ profile: p, impact, impactReason }) => html`<tr>
<td class="mono nowrap">${p.ip}${p.override ? html`<div class="muted">${tr.t('report.ips.overridden')}</div>` : ''}</td>
<td>${term(tr, ROLE_MSG, p.role)}<div class="muted">${tr.t('report.ips.confidence', { percent: tr.percent(p.confidence) })}</div></td>
<td>${p.asn ? `AS${p.asn} ` : ''}${p.asOrg ?? tr.t('report.unknown')}${p.country ? ` · ${p.country}` : ''}${p.hosting ? html`<div class="muted">${tr.t('report.ips.hosting')}</div>` : ''}${p.infra ? html`<div class="muted">${tr.t('report.ips.register', { label: p.infra.label, cidr: p.infra.cidr })}</div>` : ''}</td>
<td>${tr.t('report.count.events', { count: p.events })}${p.customers ? html`<br>${tr.t('report.count.customers', { count: p.customers })}` : ''}${p.orders ? html`<br>${tr.t('report.count.orders', { count: p.orders })}` : ''}${p.providerCalls ? html`<br>${tr.t('report.count.providerCalls', { count: p.providerCalls })}` : ''}</td>
<td>${impact ? html`<span class="badge ${impact.verdict}">${term(tr, BLOCK_VERDICT_MSG, impact.verdict)}</span><div>${clip(impactReason, 260)}</div>` : html`<span class="muted">${tr.t('report.ips.notComputed')}</span>`}</td>
</tr>`)}</tbody></table>
${m.ipsOmitted.customers + m.ipsOmitted.others > 0 ? html`<p class="muted">${tr.t('report.ips.omitted', { total: m.ipTotal, customers: m.ipsOmitted.customers, others: m.ipsOmitted.others })}</p>` : ''}

<h3>${tr.t('report.section.findings')}</h3>
${m.findings.length === 0 ? html`<p>${tr.t('report.findings.none')}</p>` : ''}
${m.findings.map((f) => {
  const x = f.finding;
  return html`<div class="finding">
<h4><span class="badge sev-${x.severity}">${term(tr, SEVERITY_MSG, x.severity)}</span> ${tr.t('report.finding.heading', { title: f.title, subject: f.subject })}</h4>
<p><b>${tr.t('report.finding.rules', { count: f.rules.length })}</b></p>
<ul>${f.rules.map((r) => html`<li>${tr.t('report.finding.ruleLine', { rule: r.rule, title: r.title, subject: r.subject, value: r.value, threshold: r.threshold, hours: r.hours })}</li>`)}</ul>
<p>${tr.t('report.finding.window', {
    from: tr.dateTime(Date.parse(x.window.from), tz, { seconds: true }),
    to: tr.dateTime(Date.parse(x.window.to), tz, { seconds: true }),
    zone: tr.zoneName(tz),
  })}${x.weakCardKey ? ` ${tr.t('report.finding.weakCardKey')}` : ''}</p>
<p><b>${tr.t('report.finding.assessment', { assessment: assessmentWords(tr, x.assessment.label) })}</b> ${f.assessmentText}</p>
${f.householdSignals.length ? html`<p>${tr.t('report.finding.householdSignals')}</p><ul>${f.householdSignals.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${f.cardTestingSignals.length ? html`<p>${tr.t('report.finding.cardTestingSignals')}</p><ul>${f.cardTestingSignals.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
<p class="muted">${tr.t('report.finding.evidence', { count: f.evidenceTotal, shown: f.evidence.length, truncated: f.evidenceTotal > f.evidence.length ? 'yes' : 'no' })}</p>
${eventRows(f.evidence, true, tr)}
</div>`;
})}

<h3>${tr.t('report.section.breach')}</h3>
${m.breach.length === 0 ? html`<p>${tr.t('report.breach.none', { listImported: m.sources.some((s) => s.breachName) ? 'yes' : 'no' })}</p>` : html`<p>${tr.t('report.breach.intro')}</p>
<table><thead><tr><th>${tr.t('report.breach.identifier')}</th><th>${tr.t('report.breach.kind')}</th><th>${tr.t('report.breach.breach')}</th><th>${tr.t('report.breach.date')}</th><th>${tr.t('report.breach.customers')}</th></tr></thead>
<tbody>${m.breach.filter((b) => b.linkedToFinding).map((b) => html`<tr><td class="mono nowrap">${b.hit.display}</td><td>${term(tr, IDENTIFIER_KIND_MSG, b.hit.identifierKind)}</td><td>${b.hit.breachName}</td><td>${b.hit.breachDate ?? tr.t('report.unknown')}</td><td>${b.customers.join(', ')} <b>${tr.t('report.breach.theCustomer')}</b></td></tr>`)}
${breachOthers(m, tr)}</tbody></table>`}

<h3>${tr.t('report.section.recommendations')}</h3>
<ol class="recs">${recommendations(m, tr).map((r) => html`<li>${r}</li>`)}</ol>

<h3>${tr.t('report.section.manifest')}</h3>
<p>${tr.t('report.manifest.intro')}</p>
<table><colgroup><col style="width:4%"><col style="width:62%"><col style="width:11%"><col style="width:10%"><col style="width:13%"></colgroup>
<thead><tr><th>#</th><th>${tr.t('report.manifest.file')}</th><th>${tr.t('report.manifest.size')}</th><th>${tr.t('report.manifest.rows')}</th><th>${tr.t('report.manifest.format')}</th></tr></thead>
<tbody>${m.sources.map((s) => html`<tr><td>${s.id}</td><td><b>${s.file}</b>${s.breachName ? html` <span class="muted">${tr.t('report.manifest.breachList', { name: s.breachName })}</span>` : ''}<div class="mono hash sha">${s.sha256}</div><div class="muted">${tr.t('report.manifest.imported')} ${stamp(s.importedAt, tz, 'dot', tr)}</div></td><td class="nowrap">${sizeText(s.size, tr)}<div class="muted">${tr.t('report.manifest.bytes', { count: s.size, n: tr.number(s.size) })}</div></td><td>${tr.t('report.manifest.accepted', { count: s.rowsAccepted, n: tr.number(s.rowsAccepted) })}${s.rowsRejected ? html`<br>${tr.t('report.manifest.rejected', { count: s.rowsRejected, n: tr.number(s.rowsRejected) })}` : ''}</td><td>${s.preset ?? s.format}${s.tz ? html`<div class="muted">${tr.t('report.manifest.timeZone', { tz: s.tz, assumed: s.tzAssumed ? 'yes' : 'no' })}</div>` : ''}</td></tr>`)}</tbody></table>

<h3>${tr.t('report.section.audit')}</h3>
<table class="meta">
<tr><th>${tr.t('report.audit.log')}</th><td>${tr.t('report.audit.entries', { count: m.verify.audit.rows })} ${m.verify.audit.ok ? html`<span class="ok">${tr.t('report.audit.intact')}</span>` : html`<span class="bad">${tr.t('report.audit.broken')}</span>`}</td></tr>
<tr><th>${tr.t('report.audit.lastHash')}</th><td><span class="mono hash">${m.verify.audit.lastHash}</span><div class="muted">${tr.t('report.audit.headHint')}</div></td></tr>
<tr><th>${tr.t('report.audit.contentsLabel')}</th><td>${tr.t('report.audit.contents', { checked: m.verify.contentsChecked, total: sources.length })}</td></tr>
<tr><th>${tr.t('report.audit.integrity')}</th><td>${m.verify.integrity}</td></tr>
<tr><th>${tr.t('report.audit.sources')}</th><td>${tr.t('report.audit.sourcesStatus', {
    ok: sources.filter((s) => s.status === 'ok').length,
    changed: sources.filter((s) => s.status === 'changed').length,
    unreachable: sources.filter((s) => s.status === 'unreachable').length,
  })}</td></tr>
<tr><th><code>alibi verify</code></th><td>${m.verify.ok ? html`<span class="ok">OK</span>` : html`<span class="bad">${tr.t('report.audit.failed')}</span>`}</td></tr>
</table>
${m.verify.problems.length ? html`<ul>${m.verify.problems.map((p) => html`<li class="bad">${p}</li>`)}</ul>` : ''}

<h3>${tr.t('report.section.dataSources')}</h3>
<p>${tr.t('report.dataSources.intro')}</p>
<table><thead><tr><th>${tr.t('report.dataSources.data')}</th><th>${tr.t('report.dataSources.version')}</th><th>${tr.t('report.dataSources.licence')}</th><th>${tr.t('report.dataSources.attribution')}</th></tr></thead>
<tbody>${m.dataSources.map((d) => html`<tr><td>${d.name}</td><td class="mono">${d.version}</td><td>${d.licence}</td><td>${d.attribution}</td></tr>`)}</tbody></table>
</section>
</main>`;

  return `<!DOCTYPE html>
<html lang="${m.lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${html`${title}`}</title>
<style>${pageCss(tr.t('report.footer', { title: m.title }), tr.t('report.footerPage'))}${CSS}</style></head>
<body>${body}</body></html>
`;
}
