import type { PolledKind } from './connectors.ts';

/** One kind-specific option on the "Add connector" form (and `--option key=value` on the CLI). */
export interface OptionField {
  key: string;
  label: string;
  help: string;
  placeholder?: string;
  required?: boolean;
  type: 'text' | 'number' | 'select';
  choices?: readonly { value: string; label: string }[];
}

export interface ConnectorForm {
  kind: PolledKind;
  label: string;
  baseUrlLabel: string;
  baseUrlHelp: string;
  defaultBaseUrl: string;
  /** Known base URLs to pick from (Make zones). */
  baseUrlChoices?: readonly string[];
  credentialLabel: string;
  credentialHelp: string;
  /** The credential as messages name it mid-sentence: "API key", "token" … */
  credentialNoun: string;
  /** Where the owner makes a new credential, for messages about a rejected one. */
  credentialWhere: string;
  options: readonly OptionField[];
}

const FAILOVER: OptionField = {
  key: 'failoverUrl', label: 'Failover address (optional)', type: 'text', placeholder: 'https://…',
  help: 'A second address of the same API, used while the main one is down.',
};

export const CONNECTOR_FORMS: Readonly<Record<PolledKind, ConnectorForm>> = {
  n8n: {
    kind: 'n8n', label: 'n8n',
    baseUrlLabel: 'n8n address', baseUrlHelp: 'The address you open n8n at, e.g. https://n8n.example.com or https://you.app.n8n.cloud.',
    defaultBaseUrl: 'https://',
    credentialLabel: 'API key', credentialHelp: 'In n8n: Settings → n8n API → Create an API key. Paste it here; it goes to the system keychain.',
    credentialNoun: 'API key', credentialWhere: 'n8n → Settings → n8n API',
    options: [FAILOVER, {
      key: 'requestsPerMinute', label: 'Request limit per minute (optional)', type: 'number', placeholder: 'none',
      help: 'Only if your n8n admin turned on API rate limits: Flowdeck then never sends more than this many requests a minute.',
    }],
  },
  make: {
    kind: 'make', label: 'Make',
    baseUrlLabel: 'Zone', baseUrlHelp: 'The zone your organisation lives in: the start of the address when you use Make, e.g. eu1.make.com.',
    defaultBaseUrl: 'https://eu1.make.com',
    baseUrlChoices: ['https://eu1.make.com', 'https://eu2.make.com', 'https://us1.make.com', 'https://us2.make.com',
      'https://eu1.make.celonis.com', 'https://us1.make.celonis.com'],
    credentialLabel: 'API token', credentialHelp: 'In Make: your profile → API access → Add token (scopes: scenarios:read; scenarios:write to start or stop, scenarios:run to run scenarios).',
    credentialNoun: 'API token', credentialWhere: 'Make → your profile → API access',
    options: [
      { key: 'organizationId', label: 'Organisation id', type: 'number', required: true, placeholder: '123456',
        help: 'Make → Organization: the number in the address bar.' },
      { key: 'plan', label: 'Plan', type: 'select', help: 'Sets the API budget Flowdeck keeps to (Core 60, Pro 120, Teams 240, Enterprise 1,000 requests/min).',
        choices: [{ value: 'core', label: 'Core' }, { value: 'pro', label: 'Pro' }, { value: 'teams', label: 'Teams' }, { value: 'enterprise', label: 'Enterprise' }] },
      FAILOVER,
    ],
  },
  github: {
    kind: 'github', label: 'GitHub Actions',
    baseUrlLabel: 'API address', baseUrlHelp: 'https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server.',
    defaultBaseUrl: 'https://api.github.com',
    credentialLabel: 'Token', credentialHelp: 'A fine-grained token with "Actions: read" (and "write" to re-run), or a classic token with the repo scope.',
    credentialNoun: 'token', credentialWhere: 'GitHub → Settings → Developer settings → Personal access tokens',
    options: [
      { key: 'repos', label: 'Repositories', type: 'text', required: true, placeholder: 'owner/repo, owner/other',
        help: 'The repositories whose workflow runs Flowdeck collects, comma-separated.' },
    ],
  },
  zapier: {
    kind: 'zapier', label: 'Zapier',
    baseUrlLabel: 'API address', baseUrlHelp: 'https://api.zapier.com',
    defaultBaseUrl: 'https://api.zapier.com',
    credentialLabel: 'Access token', credentialHelp: 'A Zapier access token with the zap:all (or zap:account:all, to include Zaps shared with you) and zap:runs scopes; zap:write to switch Zaps on and off.',
    credentialNoun: 'access token', credentialWhere: 'Zapier (reconnect Flowdeck to your Zapier account)',
    options: [],
  },
  activepieces: {
    kind: 'activepieces', label: 'Activepieces',
    baseUrlLabel: 'Activepieces address', baseUrlHelp: 'https://cloud.activepieces.com, or the address you open your own Activepieces at.',
    defaultBaseUrl: 'https://cloud.activepieces.com',
    credentialLabel: 'API key', credentialHelp: 'A platform API key (it starts with sk-): Activepieces Platform Dashboard → API Keys. Paste it here; it goes to the system keychain.',
    credentialNoun: 'API key', credentialWhere: 'the Activepieces Platform Dashboard → API Keys',
    options: [
      { key: 'projectId', label: 'Project id', type: 'text', required: true, placeholder: 'e.g. Xk3ub9TqVd8mR2pLw7Yz1',
        help: 'The project whose flows Flowdeck watches: the id after /projects/ in the address bar when you open it.' },
    ],
  },
};

/** What is wrong with a draft's options, in words; null when they will do. */
export function optionsProblem(kind: PolledKind, options: Readonly<Record<string, unknown>>): string | null {
  for (const field of CONNECTOR_FORMS[kind].options) {
    const value = options[field.key];
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (field.required) return `${field.label} is required for ${CONNECTOR_FORMS[kind].label}. ${field.help}`;
      continue;
    }
    if (field.type === 'number' && !/^\d+$/.test(String(value).trim())) return `${field.label} must be a whole number.`;
    if (field.choices && !field.choices.some((c) => c.value === String(value))) {
      return `${field.label} must be one of: ${field.choices.map((c) => c.value).join(', ')}.`;
    }
  }
  return null;
}
