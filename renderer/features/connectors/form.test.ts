import { describe, expect, it } from 'vitest';
import { emptyForm, formProblem, toDraft, withKind } from './form.ts';

describe('add-connector form', () => {
  it('starts each kind at its default address and keeps the name when the kind changes', () => {
    expect(emptyForm('make').baseUrl).toBe('https://eu1.make.com');
    expect(emptyForm('github').baseUrl).toBe('https://api.github.com');
    const changed = withKind({ ...emptyForm('n8n'), name: 'prod', credential: 'k', options: { failoverUrl: 'x' } }, 'make');
    expect(changed).toEqual({ kind: 'make', name: 'prod', baseUrl: 'https://eu1.make.com', credential: '', options: {} });
  });

  it('turns number options into numbers and leaves empty options out', () => {
    const form = { ...emptyForm('make'), name: ' Make EU ', credential: 'tok', options: { organizationId: '123', plan: 'pro', failoverUrl: ' ' } };
    expect(toDraft(form)).toEqual({
      kind: 'make', name: 'Make EU', baseUrl: 'https://eu1.make.com', credential: 'tok', options: { organizationId: 123, plan: 'pro' },
    });
  });

  it('says what is missing before a test or a save', () => {
    const n8n = { ...emptyForm('n8n'), baseUrl: 'https://n8n.example.com' };
    expect(formProblem(n8n, false)).toBe('Paste the API key.');
    expect(formProblem({ ...n8n, credential: 'k' }, false)).toBeNull();
    expect(formProblem({ ...n8n, credential: 'k' }, true)).toBe('Give the connector a name.');
    expect(formProblem({ ...n8n, baseUrl: 'ftp://x', credential: 'k' }, false)).toMatch(/http:\/\/ or https:\/\//);
    expect(formProblem({ ...emptyForm('make'), credential: 'k' }, false)).toMatch(/^Organisation id is required/);
    expect(formProblem({ ...emptyForm('push'), name: 'Beats' }, true)).toBeNull();
  });
});
