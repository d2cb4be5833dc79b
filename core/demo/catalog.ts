import type { ErrorKey, VendorKind } from './errors.ts';
import type { Trigger } from './schedules.ts';

/** One automation of the demo business, with how it behaves over the simulated month. */
export interface WorkflowSpec {
  key: string;
  vendor: VendorKind;
  /** The vendor's own id: n8n workflow id, Make scenario id, Zap id, GitHub workflow id. */
  externalId: string;
  name: string;
  trigger: Trigger;
  /** Log-normal duration: median in ms and the spread of its logarithm. */
  duration: { median: number; sigma: number };
  /** Background chance that a run fails (or warns) with one of `errors`. */
  failRate: number;
  errors: readonly ErrorKey[];
  cancelRate?: number;
  skipRate?: number;
  /** Items / bundles / records handled per run. */
  items?: readonly [number, number];
  /** Its schedule silently stops this many days before now. */
  stopsDaysAgo?: number;
  /** Durations grow by this factor over the month (a table that keeps growing). */
  creep?: number;
  /** n8n Wait node: a run stays `waiting` this many hours. */
  waitHours?: number;
  /** n8n: chance that someone retries a failed execution. */
  retryRate?: number;
  /** Extra runs started this many minutes before now, so the console has something live. */
  tail?: readonly number[];
  /** GitHub repository the workflow lives in. */
  repo?: string;
}

const s = 1000;
const min = 60 * s;

/** The GitHub account the demo's repositories belong to. */
export const GITHUB_OWNER = 'acme';

/** `owner/repo` of a GitHub workflow. */
export function githubRepo(wf: WorkflowSpec): string {
  return `${GITHUB_OWNER}/${wf.repo ?? 'web'}`;
}

/**
 * The workflow as its vendor's connector identifies it in the ledger, so polling finds the seeded history's workflow
 * instead of adding a second one: GitHub workflows are `owner/repo:id`, named with their repository
 * (core/sync/vendors/github/mapper.ts); n8n, Make and Zapier use the vendor's id and name as they are.
 */
export function connectorRef(wf: WorkflowSpec): { externalId: string; name: string } {
  if (wf.vendor !== 'github') return { externalId: wf.externalId, name: wf.name };
  const repo = githubRepo(wf);
  return { externalId: `${repo}:${wf.externalId}`, name: `${wf.name} (${repo})` };
}

export const WORKFLOWS: readonly WorkflowSpec[] = [
  // n8n (self-hosted)
  { key: 'leads-crm', vendor: 'n8n', externalId: '12', name: 'Leads – Website form to CRM', trigger: { kind: 'events', perDay: 140, weekendFactor: 0.25 },
    duration: { median: 1.8 * s, sigma: 0.5 }, failRate: 0.008, errors: ['httpTimeout'], retryRate: 0.6, items: [1, 1] },
  { key: 'uptime', vendor: 'n8n', externalId: '3', name: 'Ops – Uptime check of website', trigger: { kind: 'every', minutes: 5 },
    duration: { median: 0.6 * s, sigma: 0.4 }, failRate: 0.002, errors: ['httpTimeout'], items: [1, 1] },
  { key: 'shop-sheets', vendor: 'n8n', externalId: '27', name: 'Sync – Shopify orders to Google Sheets', trigger: { kind: 'every', minutes: 15 },
    duration: { median: 4.2 * s, sigma: 0.45 }, failRate: 0.004, errors: ['httpTimeout', 'httpBadGateway'], retryRate: 0.3, items: [0, 40] },
  { key: 'calendar-notion', vendor: 'n8n', externalId: '31', name: 'Sync – Google Calendar to Notion', trigger: { kind: 'every', minutes: 5 },
    duration: { median: 2.5 * s, sigma: 0.4 }, failRate: 0.003, errors: ['httpTimeout'], items: [0, 12] },
  { key: 'kpi-sheet', vendor: 'n8n', externalId: '35', name: 'Reports – Daily KPI sheet', trigger: { kind: 'daily', hour: 6, weekdaysOnly: true },
    duration: { median: 25 * s, sigma: 0.3 }, failRate: 0.03, errors: ['postgresRefused'], retryRate: 0.9, items: [1, 1] },
  { key: 'airtable-backup', vendor: 'n8n', externalId: '8', name: 'Ops – Nightly backup of Airtable', trigger: { kind: 'daily', hour: 2 },
    duration: { median: 95 * s, sigma: 0.25 }, failRate: 0.05, errors: ['airtableTable', 'outOfMemory'], items: [800, 1400] },
  { key: 'newsletter', vendor: 'n8n', externalId: '19', name: 'Marketing – Newsletter signups to Mailchimp',
    trigger: { kind: 'events', perDay: 35, profile: 'evening', weekendFactor: 0.8 }, duration: { median: 1.2 * s, sigma: 0.4 },
    failRate: 0.01, errors: ['httpTimeout'], items: [1, 1] },
  { key: 'zendesk-slack', vendor: 'n8n', externalId: '22', name: 'Support – Zendesk tickets to Slack', trigger: { kind: 'events', perDay: 70 },
    duration: { median: 0.9 * s, sigma: 0.35 }, failRate: 0.006, errors: ['slackChannel'], cancelRate: 0.002, items: [1, 1] },
  { key: 'inventory', vendor: 'n8n', externalId: '41', name: 'Inventory – Sync stock levels from supplier', trigger: { kind: 'every', minutes: 60 },
    duration: { median: 14 * s, sigma: 0.35 }, failRate: 0.01, errors: ['httpTimeout'], stopsDaysAgo: 3, items: [200, 320] },
  { key: 'onboarding', vendor: 'n8n', externalId: '44', name: 'HR – New hire onboarding checklist', trigger: { kind: 'manual', perWeek: 3 },
    duration: { median: 4 * s, sigma: 0.3 }, failRate: 0.02, errors: ['slackChannel'], waitHours: 48, tail: [26 * 60, 5 * 60] },
  { key: 'my-workflow-3', vendor: 'n8n', externalId: '47', name: 'My workflow 3', trigger: { kind: 'manual', perWeek: 8 },
    duration: { median: 3 * s, sigma: 1 }, failRate: 0.15, errors: ['httpTimeout', 'httpBadGateway'], cancelRate: 0.04 },
  { key: 'payment-followup', vendor: 'n8n', externalId: '50', name: 'Billing – Failed payment follow-up',
    trigger: { kind: 'events', perDay: 6, profile: 'flat', weekendFactor: 1 }, duration: { median: 2.2 * s, sigma: 0.4 },
    failRate: 0.02, errors: ['httpTimeout'], items: [1, 1] },
  // Make — EU
  { key: 'stripe-xero', vendor: 'make', externalId: '4821', name: 'Billing – Stripe invoices to Xero', trigger: { kind: 'events', perDay: 90, weekendFactor: 0.2 },
    duration: { median: 3.5 * s, sigma: 0.4 }, failRate: 0.006, errors: ['makeRate', 'makeMissingSku'], items: [1, 3] },
  { key: 'typeform-pipedrive', vendor: 'make', externalId: '4822', name: 'Sales – Typeform leads to Pipedrive', trigger: { kind: 'events', perDay: 60 },
    duration: { median: 2.1 * s, sigma: 0.35 }, failRate: 0.03, errors: ['makeEmail'], items: [1, 1] },
  { key: 'shopify-shipstation', vendor: 'make', externalId: '4830', name: 'Ecommerce – Shopify orders to ShipStation', trigger: { kind: 'every', minutes: 15, jitterMs: 20 * s },
    duration: { median: 5 * s, sigma: 0.5 }, failRate: 0.006, errors: ['makeRate', 'makeMissingSku'], items: [0, 25] },
  { key: 'bank-sheets', vendor: 'make', externalId: '4835', name: 'Finance – Bank transactions to Google Sheets', trigger: { kind: 'daily', hour: 6 },
    duration: { median: 18 * s, sigma: 0.3 }, failRate: 0.03, errors: ['makeRate'], items: [5, 80] },
  { key: 'instagram-slack', vendor: 'make', externalId: '4840', name: 'Marketing – Instagram posts to Slack', trigger: { kind: 'every', minutes: 60, jitterMs: 30 * s },
    duration: { median: 1.5 * s, sigma: 0.3 }, failRate: 0.01, errors: ['makeRate'], items: [0, 3] },
  { key: 'orders-bigquery', vendor: 'make', externalId: '4843', name: 'Data – Orders export to BigQuery', trigger: { kind: 'every', minutes: 60, jitterMs: 30 * s },
    duration: { median: 45 * s, sigma: 0.2 }, creep: 5, failRate: 0.01, errors: ['makeTimeout', 'makeRate'], items: [100, 900], tail: [2] },
  { key: 'integration-webhooks', vendor: 'make', externalId: '4850', name: 'Integration Webhooks, Airtable',
    trigger: { kind: 'events', perDay: 12, profile: 'flat', weekendFactor: 1 }, duration: { median: 0.8 * s, sigma: 0.3 },
    failRate: 0.02, errors: ['makeRate'], items: [1, 1] },
  { key: 'new-scenario', vendor: 'make', externalId: '4857', name: 'New scenario', trigger: { kind: 'every', minutes: 60, weekdaysOnly: true, jitterMs: 30 * s },
    duration: { median: 6 * s, sigma: 0.6 }, failRate: 0.04, errors: ['makeMissingSku', 'makeRate'] },
  // Zapier
  { key: 'calendly-hubspot', vendor: 'zapier', externalId: '187654301', name: 'Sales – Calendly bookings to HubSpot', trigger: { kind: 'events', perDay: 18 },
    duration: { median: 2.6 * s, sigma: 0.4 }, failRate: 0.01, errors: ['zapHubspotRate'], items: [1, 1] },
  { key: 'gmail-trello', vendor: 'zapier', externalId: '187654309', name: 'Support – Gmail to Trello cards', trigger: { kind: 'every', minutes: 5, jitterMs: 90 * s },
    duration: { median: 1.4 * s, sigma: 0.4 }, failRate: 0.002, errors: ['zapTrelloToken'], skipRate: 0.35, items: [1, 1] },
  { key: 'fb-leads-sheets', vendor: 'zapier', externalId: '187654315', name: 'Leads – Facebook Lead Ads to Google Sheets',
    trigger: { kind: 'events', perDay: 25, profile: 'flat', weekendFactor: 0.9 }, duration: { median: 1.9 * s, sigma: 0.4 },
    failRate: 0.01, errors: ['zapSheetMissing'], items: [1, 1] },
  { key: 'untitled-zap', vendor: 'zapier', externalId: '187654322', name: 'Untitled Zap', trigger: { kind: 'events', perDay: 4 },
    duration: { median: 1.1 * s, sigma: 0.5 }, failRate: 0.05, errors: ['zapSheetMissing'] },
  { key: 'expensify-qbo', vendor: 'zapier', externalId: '187654330', name: 'Finance – Expensify reports to QuickBooks',
    trigger: { kind: 'daily', hour: 7, minute: 30, weekdaysOnly: true }, duration: { median: 6 * s, sigma: 0.4 },
    failRate: 0.08, errors: ['zapQuickbooksDuplicate'], items: [1, 6] },
  { key: 'rss-linkedin', vendor: 'zapier', externalId: '187654338', name: 'Social – Blog RSS to LinkedIn', trigger: { kind: 'every', minutes: 60, jitterMs: 10 * min },
    duration: { median: 2 * s, sigma: 0.3 }, failRate: 0.01, errors: ['zapLinkedinDuplicate'], skipRate: 0.2 },
  // GitHub Actions
  { key: 'ci-web', vendor: 'github', externalId: '61234501', name: 'CI – Test and lint', repo: 'web',
    trigger: { kind: 'events', perDay: 45, weekendFactor: 0.05 }, duration: { median: 4 * min, sigma: 0.3 },
    failRate: 0.06, errors: ['exitCode', 'npmTarget'], cancelRate: 0.05, tail: [1, 4] },
  { key: 'deploy-web', vendor: 'github', externalId: '61234502', name: 'Deploy – Production', repo: 'web',
    trigger: { kind: 'events', perDay: 4, weekendFactor: 0 }, duration: { median: 6.5 * min, sigma: 0.2 },
    failRate: 0.04, errors: ['jobTimeout', 'exitCode'], tail: [3] },
  { key: 'deps-audit', vendor: 'github', externalId: '61234507', name: 'Security – Nightly dependency audit', repo: 'web',
    trigger: { kind: 'daily', hour: 3 }, duration: { median: 95 * s, sigma: 0.2 }, failRate: 0.1, errors: ['npmTarget', 'exitCode'] },
  { key: 'stock-report', vendor: 'github', externalId: '61234511', name: 'Reports – Weekday stock report', repo: 'ops-scripts',
    trigger: { kind: 'daily', hour: 6, weekdaysOnly: true }, duration: { median: 3 * min, sigma: 0.25 },
    failRate: 0.03, errors: ['runnerShutdown', 'exitCode'] },
  { key: 'build', vendor: 'github', externalId: '61234520', name: 'build', repo: 'ops-scripts',
    trigger: { kind: 'events', perDay: 8, weekendFactor: 0.1 }, duration: { median: 2.5 * min, sigma: 0.3 },
    failRate: 0.08, errors: ['exitCode'], skipRate: 0.1 },
];

/** A failure burst: for a few hours, these workflows fail with one error at the given rate. */
export interface Incident {
  workflows: readonly string[];
  error: ErrorKey;
  /** When it starts: a day before today's (UTC) and an hour of that day, or hours before now. */
  at: { daysAgo: number; hour: number } | { hoursAgo: number };
  /** How long it lasts; 'ongoing': not over when the history ends, and the live demo keeps it going (nobody fixed it). */
  hours: number | 'ongoing';
  rate: number;
  /** The failing step when it differs from the error's usual one. */
  steps?: Readonly<Record<string, string>>;
}

export const INCIDENTS: readonly Incident[] = [
  // The Google OAuth token of the n8n instance expired; someone reconnected it after lunch.
  { workflows: ['shop-sheets', 'calendar-notion', 'kpi-sheet'], error: 'googleToken', at: { daysAgo: 9, hour: 4 }, hours: 5, rate: 1,
    steps: { 'calendar-notion': 'Google Calendar' } },
  // A marketing import hammered HubSpot.
  { workflows: ['leads-crm'], error: 'hubspotRate', at: { daysAgo: 5, hour: 13 }, hours: 3, rate: 0.7 },
  { workflows: ['calendly-hubspot'], error: 'zapHubspotRate', at: { daysAgo: 5, hour: 13 }, hours: 3, rate: 0.7 },
  // The Airtable base outgrew the n8n worker's memory for three nights, until someone split the export.
  { workflows: ['airtable-backup'], error: 'outOfMemory', at: { daysAgo: 18, hour: 1 }, hours: 50, rate: 1 },
  // The website form renamed its email field; fixed the next afternoon.
  { workflows: ['leads-crm'], error: 'codeEmail', at: { daysAgo: 6, hour: 10 }, hours: 28, rate: 0.3 },
  // A spam wave through Typeform.
  { workflows: ['typeform-pipedrive'], error: 'makeEmail', at: { daysAgo: 12, hour: 9 }, hours: 8, rate: 0.4 },
  { workflows: ['stripe-xero'], error: 'xeroUnavailable', at: { daysAgo: 2, hour: 13 }, hours: 2, rate: 0.9 },
  // main was broken for an afternoon.
  { workflows: ['ci-web', 'build'], error: 'exitCode', at: { daysAgo: 7, hour: 11 }, hours: 6, rate: 0.95 },
  { workflows: ['uptime'], error: 'httpBadGateway', at: { daysAgo: 15, hour: 1 }, hours: 3, rate: 0.7 },
  { workflows: ['shopify-shipstation'], error: 'shopifyAuth', at: { daysAgo: 20, hour: 8 }, hours: 4, rate: 1 },
  // Happening now: the Trello token was revoked, and every run of the Zap fails until someone reconnects Trello.
  { workflows: ['gmail-trello'], error: 'zapTrelloToken', at: { hoursAgo: 2.5 }, hours: 'ongoing', rate: 1 },
];
