import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setDisplayTimeZone } from '../../../lib/format.ts';
import { useRetentionStore, type RetentionState } from '../retention-store.ts';
import { HistorySection } from './HistorySection.tsx';

// Server rendering shows a zustand store's initial state object: the test writes the state to show into it and puts
// the original fields back afterwards.
const initialState = useRetentionStore.getInitialState();
const original = { ...initialState };
const show = (state: Partial<RetentionState>) => Object.assign(initialState, state);
afterEach(() => {
  Object.assign(initialState, original);
  setDisplayTimeZone(null);
});
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('HistorySection', () => {
  it('explains in plain words what is kept, and shows the setting with Save and Prune now', () => {
    show({ keepDays: 365 });
    const html = renderToStaticMarkup(<HistorySection />);
    expect(text(html)).toContain('Flowdeck keeps its own copy of every run it collects');
    expect(text(html)).toContain('daily totals behind the charts, error counts and SLA reports are always kept');
    expect(html).toContain('value="365"');
    expect(html).toContain('data-testid="retention-save"');
    expect(html).toContain('data-testid="retention-prune"');
    expect(html).not.toContain('retention-prune-result');
  });

  it('says how many runs the last prune removed', () => {
    setDisplayTimeZone('UTC');
    show({ keepDays: 30, lastPrune: { ok: true, deleted: 1234, cutoff: Date.UTC(2026, 1, 9, 10, 30) } });
    const html = renderToStaticMarkup(<HistorySection />);
    expect(text(html)).toContain('Removed 1,234 runs that started before Mon 9 Feb 2026, 10:30. Their daily totals stay.');
  });

  it('shows no form until the setting is loaded, and why it could not be', () => {
    show({ keepDays: null, error: 'Flowdeck core is not reachable.' });
    const html = renderToStaticMarkup(<HistorySection />);
    expect(html).not.toContain('retention-form');
    expect(html).toContain('Flowdeck core is not reachable.');
  });
});
