// The report as one self-contained HTML document: inline CSS and SVG, no script, no link to anything
// outside the file, a CSP that forbids loading anything, and every case value escaped by `html`.
import { html, clip, type SafeHtml } from './html';
import type { ReportModel, ReportEvent } from './reportModel';
import { keyEvents, renderTimelineFigure } from './timelineFigure';
import { ASSESSMENT_WORDS, ROLE_WORDS, recommendations, summaryParagraphs, verdictText } from './story';
import { localTime, utcTime, offsetLabel, isoToMs } from './timeFormat';

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; line-height: 1.42; color: #1d2530; margin: 0; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; color: #14233a; }
h2 { font-size: 13.5pt; margin: 8mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 2px solid #14233a; color: #14233a; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1.5mm 0; }
.sub { color: #4b5a6b; margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 8.8pt; }
th, td { border-bottom: 1px solid #dde3ea; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; overflow-wrap: break-word; unicode-bidi: plaintext; }
.hash { word-break: break-all; }
.sha { font-size: 6.7pt; }
th { background: #eef2f6; font-weight: 600; }
tr { break-inside: avoid; }
table.meta { width: auto; font-size: 9.5pt; }
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
.nowrap { white-space: nowrap; }
@media print { main { padding: 0; } }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function eventRows(events: ReportEvent[], withRaw: boolean, numbers?: Map<number, number>): SafeHtml {
  return html`<table>
<colgroup>${numbers ? html`<col style="width:5%">` : ''}<col style="width:21%"><col></colgroup>
<thead><tr>${numbers ? html`<th>#</th>` : ''}<th>When (local · UTC)</th><th>What · source file and row</th></tr></thead>
<tbody>${events.map(
    (e) => html`<tr>${numbers ? html`<td><b>${numbers.get(e.id) ?? ''}</b></td>` : ''}<td class="nowrap">${e.local}<div class="muted mono">${e.utc}</div></td>
<td>${e.what}<div class="muted">${e.source.replace(/:(\d+)$/, ' · row $1')}</div>${withRaw ? html`<div class="raw mono">${e.raw}</div>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

/** Other customers' exposure: one line per breach, counted, not listed (they are not part of this alert). */
/** A stored ISO instant (note, import) in the case's zone with UTC beside, like every other time of the report. */
function stamp(iso: string, tz: string, sep: 'line' | 'dot'): SafeHtml | string {
  const ms = isoToMs(iso);
  if (ms === null) return iso;
  return sep === 'line'
    ? html`${localTime(ms, tz)} (${tz})<div class="muted mono">${utcTime(ms)}</div>`
    : html`${localTime(ms, tz)} (${tz}) · ${utcTime(ms)}`;
}

function breachOthers(m: ReportModel): SafeHtml {
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
    ([name, e]) => html`<tr><td>${e.ids} identifier${e.ids > 1 ? 's' : ''}</td><td>${[...e.kinds].join(', ')}</td><td>${name}</td><td>${e.date ?? 'unknown'}</td><td>${e.customers.size} other customer${e.customers.size === 1 ? '' : 's'}, not involved in this alert (listed in the app)</td></tr>`,
  )}`;
}

export function renderReportDocument(m: ReportModel): string {
  const tz = m.tz;
  const verdict = verdictText(m);
  const keys = keyEvents(m);
  const keyNumbers = new Map(keys.map((k) => [k.event.id, k.n]));
  const period = m.period
    ? `${localTime(m.period.from, tz)} – ${localTime(m.period.to, tz)} (${tz}, ${offsetLabel(m.period.from, tz)})`
    : 'no events';

  const body = html`<main>
<h1>Case report — ${m.title}</h1>
<div class="sub">Fraud alert investigation · prepared with Alibi (offline forensic workbench)</div>
<table class="meta">
${m.client ? html`<tr><th>Client</th><td>${m.client}</td></tr>` : ''}
${m.consultant ? html`<tr><th>Consultant</th><td>${m.consultant}</td></tr>` : ''}
<tr><th>Period of the data</th><td>${period}</td></tr>
<tr><th>Case</th><td class="mono">${m.caseId}</td></tr>
<tr><th>Report generated</th><td>${localTime(m.generatedAt.getTime(), tz)} (${tz}) · ${utcTime(m.generatedAt.getTime())}</td></tr>
</table>
${m.redactedCopy ? html`<div class="banner">This report was made from a share copy of the case${m.redactedCopy.redact ? ' with the identifiers of uninvolved people pseudonymised' : ''}${m.redactedCopy.onlyEvidence ? ', keeping only the events the findings cite' : ''}.</div>` : ''}
${m.pseudonymise ? html`<div class="banner">Privacy: card numbers are masked (last four digits at most). People the findings are not about appear as pseudonyms such as <span class="mono">person-3f2a1b</span>; the same person always gets the same pseudonym in this report.</div>` : ''}

<h2>1. Summary and verdict</h2>
<div class="verdict"><div class="headline">${verdict.headline}</div>
${verdict.provisional ? html`<div class="prov">Provisional: derived from the analysis; no verdict has been recorded by the analyst.</div>` : html`<div class="prov">Verdict recorded by the analyst.</div>`}
${verdict.reason ? html`<p>${verdict.reason}</p>` : ''}</div>
${summaryParagraphs(m).map((p) => html`<p>${p}</p>`)}

<h2>2. Timeline of the incident</h2>
${renderTimelineFigure(m, keys)}
${keys.length ? html`<h3>Key events</h3>${eventRows(keys.map((k) => k.event), false, keyNumbers)}` : ''}

<h2>3. IP addresses and what blocking them would cut</h2>
<p>Each address seen in the case is given a role from the evidence (network owner, user agents, what it did). The last column says whether it is safe to block.</p>
<table><colgroup><col style="width:15%"><col style="width:15%"><col style="width:24%"><col style="width:14%"><col style="width:32%"></colgroup><thead><tr><th>IP address</th><th>Role</th><th>Network (ASN, organisation, country)</th><th>Activity</th><th>Block impact</th></tr></thead>
<tbody>${m.ips.map(({ profile: p, impact }) => html`<tr>
<td class="mono nowrap">${p.ip}${p.override ? html`<div class="muted">role set by analyst</div>` : ''}</td>
<td>${ROLE_WORDS[p.role] ?? p.role}<div class="muted">confidence ${Math.round(p.confidence * 100)} %</div></td>
<td>${p.asn ? `AS${p.asn} ` : ''}${p.asOrg ?? 'unknown'}${p.country ? ` · ${p.country}` : ''}${p.hosting ? html`<div class="muted">hosting / datacenter network</div>` : ''}${p.infra ? html`<div class="muted">register: ${p.infra.label} (${p.infra.cidr})</div>` : ''}</td>
<td>${p.events} events${p.customers ? html`<br>${p.customers} customer${p.customers > 1 ? 's' : ''}` : ''}${p.orders ? html`<br>${p.orders} order${p.orders > 1 ? 's' : ''}` : ''}${p.providerCalls ? html`<br>${p.providerCalls} provider calls` : ''}</td>
<td>${impact ? html`<span class="badge ${impact.verdict}">${impact.verdict === 'do-not-block' ? 'DO NOT BLOCK' : impact.verdict === 'caution' ? 'CAUTION' : 'safe to block'}</span><div>${clip(impact.reasons[0] ?? '', 260)}</div>` : html`<span class="muted">not computed</span>`}</td>
</tr>`)}</tbody></table>
${m.ipsOmitted.customers + m.ipsOmitted.others > 0 ? html`<p class="muted">${m.ipTotal} addresses in the case; not listed here: ${m.ipsOmitted.customers} addresses of other customers (one customer each, not involved) and ${m.ipsOmitted.others} other addresses. The full list is in the IP roles CSV export.</p>` : ''}

<h2>4. Findings</h2>
${m.findings.length === 0 ? html`<p>No rule fired: no multi-card, velocity or card-testing pattern in the case.</p>` : ''}
${m.findings.map((f) => {
  const x = f.finding;
  return html`<div class="finding">
<h3><span class="badge sev-${x.severity}">${x.severity.toUpperCase()}</span> ${x.title} — ${f.subject}</h3>
<p><b>Rule ${x.rule}:</b> ${x.metric.value} observed (alert threshold ${x.metric.threshold}, window ${x.metric.windowHours} h), from ${localTime(Date.parse(x.window.from), tz)} to ${localTime(Date.parse(x.window.to), tz)} (${tz}).${x.weakCardKey ? ' Some cards are identified only by brand and last four digits: two different cards could be counted as one.' : ''}</p>
<p><b>Assessment: ${ASSESSMENT_WORDS[x.assessment.label]}.</b> ${x.assessment.text}</p>
${x.assessment.householdSignals.length ? html`<p>Signals of a household sharing cards:</p><ul>${x.assessment.householdSignals.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${x.assessment.cardTestingSignals.length ? html`<p>Signals of card testing:</p><ul>${x.assessment.cardTestingSignals.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${f.sameEvidenceAs
    ? html`<p class="muted">Evidence: the same ${f.evidenceTotal} event(s) as “${f.sameEvidenceAs}” above.</p>`
    : html`<p class="muted">Evidence: ${f.evidenceTotal} event(s)${f.evidenceTotal > f.evidence.length ? `, the first ${f.evidence.length} shown` : ''}; each names its source file and row, with the original line beneath.</p>
${eventRows(f.evidence, true)}`}
</div>`;
})}

<h2>5. Breach exposure</h2>
${m.breach.length === 0 ? html`<p>No identifier of the case appears in the breach lists imported into it${m.sources.some((s) => s.breachName) ? '' : ' (no breach list was imported)'}.</p>` : html`<p>Identifiers of the case found in breach lists (compared offline as keyed hashes after normalisation; displayed masked).</p>
<table><thead><tr><th>Identifier</th><th>Kind</th><th>Breach</th><th>Breach date</th><th>Customer(s)</th></tr></thead>
<tbody>${m.breach.filter((b) => b.linkedToFinding).map((b) => html`<tr><td class="mono nowrap">${b.hit.display}</td><td>${b.hit.identifierKind}</td><td>${b.hit.breachName}</td><td>${b.hit.breachDate ?? 'unknown'}</td><td>${b.customers.join(', ')} <b>(the customer of the alert)</b></td></tr>`)}
${breachOthers(m)}</tbody></table>`}

<h2>6. Analyst notes</h2>
${m.notes.length === 0 ? html`<p class="muted">No notes were recorded in the case.</p>` : html`<table><thead><tr><th class="nowrap">When</th><th>About</th><th>Note</th></tr></thead><tbody>${m.notes.map((n) => html`<tr><td class="nowrap">${stamp(n.at, tz, 'line')}</td><td>${n.target}</td><td style="white-space:pre-wrap">${n.text}</td></tr>`)}</tbody></table>`}

<h2>7. Recommendations</h2>
<ol class="recs">${recommendations(m).map((r) => html`<li>${r}</li>`)}</ol>

<h2>8. Evidence manifest</h2>
<p>Every file imported into the case, with the SHA-256 computed at import. Anyone can recompute it on the original file to prove it is the one analysed.</p>
<table><colgroup><col style="width:4%"><col style="width:62%"><col style="width:11%"><col style="width:10%"><col style="width:13%"></colgroup>
<thead><tr><th>#</th><th>File · SHA-256</th><th>Size</th><th>Rows</th><th>Format</th></tr></thead>
<tbody>${m.sources.map((s) => html`<tr><td>${s.id}</td><td><b>${s.file}</b>${s.breachName ? html` <span class="muted">breach list “${s.breachName}”</span>` : ''}<div class="mono hash sha">${s.sha256}</div><div class="muted">imported ${stamp(s.importedAt, tz, 'dot')}</div></td><td class="nowrap">${sizeText(s.size)}<div class="muted">${s.size} bytes</div></td><td>${s.rowsAccepted} accepted${s.rowsRejected ? html`<br>${s.rowsRejected} rejected` : ''}</td><td>${s.preset ?? s.format}${s.tz ? html`<div class="muted">time zone ${s.tz}${s.tzAssumed ? ' (assumed)' : ''}</div>` : ''}</td></tr>`)}</tbody></table>

<h2>9. Audit log and verification</h2>
<table class="meta">
<tr><th>Audit log</th><td>${m.verify.audit.rows} entries, hash chain ${m.verify.audit.ok ? html`<span class="ok">intact</span>` : html`<span class="bad">BROKEN</span>`}</td></tr>
<tr><th>Last audit hash</th><td class="mono hash">${m.verify.audit.lastHash}</td></tr>
<tr><th>SQLite integrity</th><td>${m.verify.integrity}</td></tr>
<tr><th>Source files</th><td>${m.verify.sources.filter((s) => s.status === 'ok').length} re-hashed and identical, ${m.verify.sources.filter((s) => s.status === 'changed').length} changed, ${m.verify.sources.filter((s) => s.status === 'unreachable').length} not reachable from this computer (hash kept from import)</td></tr>
<tr><th><code>alibi verify</code></th><td>${m.verify.ok ? html`<span class="ok">OK</span>` : html`<span class="bad">FAILED</span>`}</td></tr>
</table>
${m.verify.problems.length ? html`<ul>${m.verify.problems.map((p) => html`<li class="bad">${p}</li>`)}</ul>` : ''}

<h2>10. Data sources and licences</h2>
<p>All enrichment was done offline, from data shipped with the application; no case data left the computer.</p>
<table><thead><tr><th>Data</th><th>Version</th><th>Licence</th><th>Attribution</th></tr></thead>
<tbody>${m.dataSources.map((d) => html`<tr><td>${d.name}</td><td class="mono">${d.version}</td><td>${d.licence}</td><td>${d.attribution}</td></tr>`)}</tbody></table>
</main>`;

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${html`Case report — ${m.title}`}</title>
<style>${CSS}</style></head>
<body>${body}</body></html>
`;
}
