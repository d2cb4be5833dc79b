import { VENDOR_LABELS, type ConnectorKind } from '../contract/catalog.ts';

/** How to talk about a vendor and its credential in messages an owner can act on. */
export interface VendorWords {
  label: string;
  /** "API key", "API token", "token" … */
  credential: string;
  /** Where the owner makes a new one. */
  where: string;
}

export const VENDOR_WORDS: Record<ConnectorKind, VendorWords> = {
  n8n: { label: VENDOR_LABELS.n8n, credential: 'API key', where: 'n8n → Settings → n8n API' },
  make: { label: VENDOR_LABELS.make, credential: 'API token', where: 'Make → your profile → API access' },
  github: { label: VENDOR_LABELS.github, credential: 'token', where: 'GitHub → Settings → Developer settings → Personal access tokens' },
  zapier: { label: VENDOR_LABELS.zapier, credential: 'access token', where: 'Zapier (reconnect Flowdeck to your Zapier account)' },
  push: { label: 'Push', credential: 'signing secret', where: 'Connectors' },
  demo: { label: 'Demo', credential: 'key', where: 'Connectors' },
};

/** Replaces every occurrence of a secret (and of its URL-encoded form) in a text. Secrets shorter than 4 characters are not searched for. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
