import { describe, expect, it } from 'vitest';
import { HIDDEN, hideSecretsDeep, hideSecretText, redactFor, seesSecrets } from '../contract/redaction.ts';

describe('redaction (core/contract/redaction.ts, applied by the dispatcher)', () => {
  it('lets only the roles that can change a secret see it', () => {
    expect([seesSecrets('viewer'), seesSecrets('operator'), seesSecrets('admin'), seesSecrets('owner')]).toEqual([false, false, true, true]);
    const out = { items: [{ detail: { password: 'hunter2-long' } }] };
    expect(redactFor('admin', 'audit/list-entries', out)).toBe(out);
    expect(redactFor('viewer', 'audit/list-entries', out)).toEqual({ items: [{ detail: { password: HIDDEN } }] });
  });

  it('hides an address with a sign-in or a query whole, and keeps a plain one', () => {
    expect(hideSecretText('https://n8n.example.com')).toBe('https://n8n.example.com');
    expect(hideSecretText('https://n8n.example.com/?token=abc')).toBe(HIDDEN);
    expect(hideSecretText('https://me:pw@n8n.example.com')).toBe(HIDDEN);
    expect(hideSecretText('rule:12')).toBe('rule:12');
    // A link with an ordinary query stays a link (Open in n8n, a run on GitHub).
    expect(hideSecretText('https://n8n.example.com/workflow/7?tab=executions')).toBe('https://n8n.example.com/workflow/7?tab=executions');
    expect(hideSecretText('https://hooks.example.com/in?sig=abc')).toBe(HIDDEN);
  });

  it('replaces secrets inside text and keeps the words around them', () => {
    expect(hideSecretText('failed: GET https://api.example.com/x?api_key=abcdef123 answered 500'))
      .toBe(`failed: GET ${HIDDEN} answered 500`);
    expect(hideSecretText('sent to https://bob:pw@erp.example.com/in')).toBe(`sent to https://${HIDDEN}@erp.example.com/in`);
    expect(hideSecretText('header Bearer abcdefghijklmnop1234 refused')).toBe(`header ${HIDDEN} refused`);
    expect(hideSecretText('Nightly backup failed (exit 3)')).toBe('Nightly backup failed (exit 3)');
  });

  it('reads JSON text field by field and writes it back in the same layout', () => {
    const text = JSON.stringify({ a: 1, token: 'abcdefgh', list: [{ name: 'X-Api-Key', value: 'k-123456' }] }, null, 2);
    expect(JSON.parse(hideSecretText(text))).toEqual({ a: 1, token: HIDDEN, list: [{ name: 'X-Api-Key', value: HIDDEN }] });
    expect(hideSecretText(text).split('\n').length).toBe(text.split('\n').length);
  });

  it('hides secret fields at any depth, but not their absence', () => {
    expect(hideSecretsDeep({ config: { ntfyTopic: 'alerts_x', smtpUser: 'mailer', smtpHost: 'smtp.example.com' }, secret: null, hasSecret: true }))
      .toEqual({ config: { ntfyTopic: HIDDEN, smtpUser: HIDDEN, smtpHost: 'smtp.example.com' }, secret: null, hasSecret: true });
  });
});
