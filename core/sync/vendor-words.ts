import { CONNECTOR_FORMS } from '../contract/connector-forms.ts';
import { VENDOR_KINDS, VENDOR_LABELS, type ConnectorKind, type VendorKind } from '../contract/catalog.ts';

/** How to talk about a vendor and its credential in messages an owner can act on. */
export interface VendorWords {
  label: string;
  /** "API key", "API token", "token" … */
  credential: string;
  /** Where the owner makes a new one. */
  where: string;
}

const vendorWords = (kind: VendorKind): VendorWords =>
  ({ label: VENDOR_LABELS[kind], credential: CONNECTOR_FORMS[kind].credentialNoun, where: CONNECTOR_FORMS[kind].credentialWhere });

/** Each vendor's words come from the catalog (its label) and its form hints (its credential); push and demo have their own. */
export const VENDOR_WORDS: Readonly<Record<ConnectorKind, VendorWords>> = {
  ...(Object.fromEntries(VENDOR_KINDS.map((kind) => [kind, vendorWords(kind)])) as Record<VendorKind, VendorWords>),
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
