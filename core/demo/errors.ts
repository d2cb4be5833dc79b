import type { Rng } from './prng.ts';

export type VendorKind = 'n8n' | 'make' | 'zapier' | 'github';

/**
 * One kind of failure as a vendor reports it. Messages embed the ids, numbers and quoted values vendors
 * really put in them, so the ledger's fingerprint (which blanks those) groups them back together.
 */
export interface ErrorKind {
  vendor: VendorKind;
  /** The node / module / step that failed. */
  step: string;
  /** 'warning' for a run that finished with a warning instead of failing; 'crashed' for n8n crashes. */
  outcome?: 'warning' | 'crashed';
  message(rng: Rng): string;
}

const uuid = (r: Rng) => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;

export const ERRORS = {
  // n8n
  googleToken: { vendor: 'n8n', step: 'Google Sheets', message: () => 'invalid_grant: Token has been expired or revoked.' },
  hubspotRate: {
    vendor: 'n8n', step: 'HubSpot',
    message: (r) => `The service is receiving too many requests from you (429): You have reached your ten_secondly_rolling limit. correlationId: ${uuid(r)}`,
  },
  codeEmail: { vendor: 'n8n', step: 'Set email', message: () => "Cannot read properties of undefined (reading 'email') [line 12]" },
  httpTimeout: { vendor: 'n8n', step: 'HTTP Request', message: (r) => `timeout of ${r.pick([10_000, 30_000, 60_000])}ms exceeded` },
  httpBadGateway: {
    vendor: 'n8n', step: 'HTTP Request',
    message: (r) => `Bad gateway - the service failed to handle your request (502) - upstream ${r.int(10, 250)}.${r.int(0, 255)} did not answer`,
  },
  postgresRefused: { vendor: 'n8n', step: 'Postgres', message: (r) => `connect ECONNREFUSED 10.0.3.${r.int(2, 60)}:5432` },
  slackChannel: { vendor: 'n8n', step: 'Slack', message: () => 'An API error occurred: channel_not_found' },
  airtableTable: {
    vendor: 'n8n', step: 'Airtable',
    message: (r) => `NOT_FOUND: Could not find table tbl${r.hex(14)} in base app${r.hex(14)}`,
  },
  outOfMemory: {
    vendor: 'n8n', step: 'Code', outcome: 'crashed',
    message: () => 'Workflow did not finish, possible out-of-memory issue',
  },
  // Make
  makeEmail: { vendor: 'make', step: 'Pipedrive CRM', message: (r) => `DataError: Invalid email address in bundle ${r.int(1, 40)}.` },
  xeroUnavailable: {
    vendor: 'make', step: 'Xero',
    message: (r) => `ConnectionError: [503] Service Unavailable. The Xero API is temporarily unavailable (request ${uuid(r)}).`,
  },
  makeRate: { vendor: 'make', step: 'HTTP', message: (r) => `RateLimitError: [429] Too Many Requests. Limit of ${r.pick([60, 120])} calls per minute exceeded.` },
  makeMissingSku: {
    vendor: 'make', step: 'Iterator', outcome: 'warning',
    message: (r) => `BundleValidationError: Missing value of required parameter 'sku' in bundle ${r.int(1, 25)}.`,
  },
  shopifyAuth: {
    vendor: 'make', step: 'Shopify',
    message: () => 'AccountValidationError: [401] Invalid API key or access token (unrecognized login or wrong password).',
  },
  makeTimeout: { vendor: 'make', step: 'Google BigQuery', message: () => 'ScenarioTimeoutError: Execution exceeded the time limit of 40 minutes.' },
  // Zapier
  zapHubspotRate: {
    vendor: 'zapier', step: 'HubSpot',
    message: () => 'Failed to create a contact in HubSpot. You have reached your ten_secondly_rolling limit. (HTTP Status Code: 429)',
  },
  zapSheetMissing: {
    vendor: 'zapier', step: 'Google Sheets',
    message: (r) => `Failed to create a spreadsheet row in Google Sheets. Unable to find the worksheet 'Leads ${r.int(2024, 2026)}'.`,
  },
  zapTrelloToken: { vendor: 'zapier', step: 'Trello', message: () => 'Failed to create a card in Trello. The app returned "invalid token".' },
  zapQuickbooksDuplicate: {
    vendor: 'zapier', step: 'QuickBooks Online',
    message: (r) => `Failed to create a bill in QuickBooks Online. Duplicate Document Number Error: DocNumber=${r.int(1000, 9999)} has already been used.`,
  },
  zapLinkedinDuplicate: {
    vendor: 'zapier', step: 'LinkedIn',
    message: (r) => `Failed to create a share update in LinkedIn. The app returned "Content is a duplicate of urn:li:share:${r.int(7e18, 7.3e18)}".`,
  },
  // GitHub Actions
  exitCode: { vendor: 'github', step: 'Run npm test', message: () => 'Process completed with exit code 1.' },
  runnerShutdown: {
    vendor: 'github', step: 'Set up job',
    message: () => 'The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.',
  },
  jobTimeout: {
    vendor: 'github', step: 'Deploy',
    message: (r) => `The job running on runner GitHub Actions ${r.int(2, 999)} has exceeded the maximum execution time of 30 minutes.`,
  },
  npmTarget: {
    vendor: 'github', step: 'Install dependencies',
    message: (r) => `npm ERR! code ETARGET npm ERR! notarget No matching version found for @acme/ui@^${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}.`,
  },
} satisfies Record<string, ErrorKind>;

export type ErrorKey = keyof typeof ERRORS;

/** The background failures each vendor shows, for the bulk generator. */
export const ERRORS_BY_VENDOR: Record<VendorKind, readonly ErrorKind[]> = (() => {
  const by: Record<VendorKind, ErrorKind[]> = { n8n: [], make: [], zapier: [], github: [] };
  for (const e of Object.values(ERRORS) as ErrorKind[]) by[e.vendor].push(e);
  return by;
})();
