import type { Report } from '../contract/reports.ts';
import { localParts } from './period.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon 30 Nov, 14:05" in the report's time zone. */
export function when(t: number, zone: string): string {
  const p = localParts(t, zone);
  return `${DAYS[p.weekday - 1]} ${p.day} ${MONTHS[p.month - 1]}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "3 h 20 min", "12 min", "40 s". */
export function span(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

export const percent = (p: number | null) => (p === null ? '—' : `${p >= 99.95 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The headline in words: "412 runs, 9 failed (97.8 % succeeded)". */
export function headline(r: Report): string {
  if (!r.totals.runs) return 'No runs in this period.';
  return `${r.totals.runs} runs, ${r.totals.failed} failed (${percent(r.totals.successPct)} succeeded)`;
}

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #ccc">${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td style="padding:4px 8px;border-bottom:1px solid #eee">${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;font-size:14px">${`<tr>${th}</tr>`}${tr}</table>`;
}

function section(title: string, body: string): string {
  return `<h2 style="font-size:16px;margin:20px 0 8px">${esc(title)}</h2>${body}`;
}

const none = (words: string) => `<p style="color:#555">${esc(words)}</p>`;

/** The digest email's HTML: the same sections as the Reports page, inline styles only (mail clients drop the rest). */
export function reportHtml(r: Report, link: string | null): string {
  const z = r.timeZone;
  const parts = [
    `<h1 style="font-size:20px;margin:0 0 4px">${esc(r.label)}${r.partial ? ' (so far)' : ''}</h1>`,
    `<p style="margin:0 0 12px;color:#555">Times in ${esc(z)}.</p>`,
    `<p style="font-size:16px"><strong>${esc(headline(r))}</strong></p>`,
    r.hoursSaved !== null ? `<p>Your automations saved about <strong>${r.hoursSaved} hours</strong> of work.</p>` : '',
    section('Runs per workflow', r.workflows.length
      ? table(['Workflow', 'Runs', 'Failed', 'Succeeded'], r.workflows.map((w) => [w.workflowName, String(w.runs), String(w.failed), percent(w.successPct)]))
      : none('No workflow ran in this period.')),
    section('What broke and when it was fixed', r.breaks.length
      ? table(['Workflow', 'Broke', 'Fixed', 'Failed runs', 'First error'], r.breaks.map((b) => [b.workflowName, when(b.brokeAt, z),
        b.fixedAt === null ? 'still failing' : when(b.fixedAt, z), String(b.failedRuns), b.firstError ?? '']))
      : none('Nothing broke.')),
    section('Incidents', r.incidents.length
      ? `<p>Half were acknowledged within ${esc(span(r.medianAckMs))} and resolved within ${esc(span(r.medianResolveMs))}.</p>` +
        table(['Incident', 'Opened', 'Acknowledged after', 'Resolved after'], r.incidents.map((i) => [`${i.targetName}: ${i.summary}`, when(i.openedAt, z),
          span(i.ackMs), i.resolveMs === null ? 'still open' : span(i.resolveMs)]))
      : none('No incidents opened.')),
    section('Runs on schedule (SLA)', r.sla.length
      ? table(['Workflow', 'Expected', 'Missed', 'On schedule'], r.sla.map((s) => [s.workflowName, s.expectedLabel ?? '', String(s.missedRuns), percent(s.compliancePct)]))
      : none('No workflow has a known schedule.')),
    section('Top errors', r.topErrors.length
      ? table(['Error', 'Times', 'Workflows'], r.topErrors.map((e) => [e.message, String(e.count), e.workflows.join(', ')]))
      : none('No errors.')),
    section('Changes', r.changes.length
      ? table(['Workflow', 'Version', 'When'], r.changes.map((c) => [c.workflowName, `v${c.number}`, when(c.at, z)]))
      : none('No workflow changed.')),
    link ? `<p style="margin-top:20px"><a href="${esc(link)}">Open the report in Flowdeck</a></p>` : '',
  ];
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">${parts.join('')}</body></html>`;
}

/** The plain-text part of the digest (mail clients without HTML). */
export function reportText(r: Report): string {
  const lines = [`${r.label}${r.partial ? ' (so far)' : ''}`, headline(r)];
  if (r.hoursSaved !== null) lines.push(`Your automations saved about ${r.hoursSaved} hours of work.`);
  lines.push('', 'Runs per workflow:', ...r.workflows.map((w) => `- ${w.workflowName}: ${w.runs} runs, ${w.failed} failed`));
  if (r.breaks.length) lines.push('', 'What broke:', ...r.breaks.map((b) => `- ${b.workflowName}: broke ${when(b.brokeAt, r.timeZone)}, ${b.fixedAt === null ? 'still failing' : `fixed ${when(b.fixedAt, r.timeZone)}`}`));
  lines.push('', `Incidents: ${r.incidents.length}`);
  return lines.join('\n');
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};

/** The CSV attachment: one row per workflow with its runs, failures and success rate. */
export function reportCsv(r: Report): string {
  const rows: (string | number | null)[][] = [['workflow', 'connector', 'runs', 'failed', 'success_pct', 'minutes_saved_per_run']];
  for (const w of r.workflows) rows.push([w.workflowName, w.connectorName, w.runs, w.failed, w.successPct === null ? null : w.successPct.toFixed(2), w.minutesSavedPerRun]);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
