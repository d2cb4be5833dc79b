import { CONNECTOR_FORMS, optionsProblem } from '../../../core/contract/connector-forms.ts';
import { POLLED_KINDS, type ConnectorDraft, type PolledKind } from '../../../core/contract/connectors.ts';

/** What the "Add connector" form holds: everything as typed, options as text. */
export interface DraftForm {
  kind: PolledKind | 'push';
  name: string;
  baseUrl: string;
  credential: string;
  options: Record<string, string>;
}

/** Every vendor in the catalog, by its form's label, then push. */
export const KIND_CHOICES: readonly { value: DraftForm['kind']; label: string }[] = [
  ...POLLED_KINDS.map((kind) => ({ value: kind, label: CONNECTOR_FORMS[kind].label })),
  { value: 'push', label: 'Heartbeats and webhooks (push)' },
];

export function emptyForm(kind: DraftForm['kind'] = 'n8n'): DraftForm {
  return { kind, name: '', baseUrl: kind === 'push' ? '' : CONNECTOR_FORMS[kind].defaultBaseUrl, credential: '', options: {} };
}

/** Switching kind keeps the name, resets the address to the new kind's default and drops the options. */
export function withKind(form: DraftForm, kind: DraftForm['kind']): DraftForm {
  return { ...emptyForm(kind), name: form.name };
}

/** The draft as the contract takes it: number fields as numbers, empty options left out. */
export function toDraft(form: DraftForm): ConnectorDraft {
  if (form.kind === 'push') throw new Error('push connectors have no draft');
  const fields = CONNECTOR_FORMS[form.kind].options;
  const options: Record<string, string | number> = {};
  for (const [key, raw] of Object.entries(form.options)) {
    const value = raw.trim();
    if (!value) continue;
    const field = fields.find((f) => f.key === key);
    options[key] = field?.type === 'number' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return { kind: form.kind, name: form.name.trim(), baseUrl: form.baseUrl.trim(), options, credential: form.credential };
}

/** "API key" stays, "Token" → "token": for use inside a sentence. */
export function credentialWord(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function urlProblem(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'The address must start with http:// or https://.';
    return u.hostname ? null : 'The address needs a host name.';
  } catch {
    return 'The address is not a valid URL (e.g. https://n8n.example.com).';
  }
}

/** What stops the form from being tested (`forSave`: or saved); null when it is complete. */
export function formProblem(form: DraftForm, forSave: boolean): string | null {
  if (forSave && !form.name.trim()) return 'Give the connector a name.';
  if (form.kind === 'push') return forSave ? null : 'Push connectors have nothing to test.';
  const url = urlProblem(form.baseUrl);
  if (url) return url;
  if (!form.credential.trim()) return `Paste the ${credentialWord(CONNECTOR_FORMS[form.kind].credentialLabel)}.`;
  return optionsProblem(form.kind, toDraft(form).options);
}
