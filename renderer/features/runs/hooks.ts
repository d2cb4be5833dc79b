import { useEffect, type RefObject } from 'react';
import { useConnectorsStore } from '../connectors/store.ts';
import { useWorkflowsStore } from '../workflows/store.ts';
import { parseDrillDown } from './drill-down.ts';
import { useRunsStore } from './store.ts';

/** While the Runs page is shown: keep the log, and the connector and workflow lists behind its filters, fresh. */
export function useRunsLive(): void {
  const runs = useRunsStore((s) => s.activate);
  const connectors = useConnectorsStore((s) => s.activate);
  const workflows = useWorkflowsStore((s) => s.activate);
  useEffect(() => {
    const release = [runs(), connectors(), workflows()];
    return () => release.forEach((r) => r());
  }, [runs, connectors, workflows]);
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** j/k move the selection, Enter opens it, Esc closes the panel, `/` jumps to the search box. */
export function useRunsKeyboard(firstFilter: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const store = useRunsStore.getState();
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const onControl = event.target instanceof HTMLElement && event.target.closest('button, a[href]') !== null;
      switch (event.key) {
        case 'j':
          store.moveSelection(1);
          break;
        case 'k':
          store.moveSelection(-1);
          break;
        case 'Enter':
          if (onControl || store.selectedId === null) return;
          void store.openDetail(store.selectedId);
          break;
        case 'Escape':
          if (store.detail.status === 'closed') return;
          store.closeDetail();
          break;
        case '/':
          firstFilter.current?.focus();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [firstFilter]);
}

/** Applies a drill-down carried in the address (from the Overview, Errors or SLA pages), then tidies the address. */
export function useRunsDrillDown(): void {
  useEffect(() => {
    const apply = () => {
      const drill = parseDrillDown(window.location.hash);
      if (!drill) return;
      useRunsStore.getState().applyDrillDown(drill.filter, drill.search);
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/runs`);
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, []);
}
