import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatRoute } from '../../../app/routes.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useRunsStore } from '../store.ts';
import { queryFromView } from '../url.ts';
import { RunRow, runRowDomId } from './RunRow.tsx';

const ROW_HEIGHT = 44;
/** Start fetching the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 25;

export function RunsList() {
  const { items, nextCursor, loadingMore, moreError, selectedId, busy, filter, search } = useRunsStore(useShallow((s) => ({
    filter: s.filter,
    search: s.search,
    items: s.items,
    nextCursor: s.nextCursor,
    loadingMore: s.loadingMore,
    moreError: s.moreError,
    selectedId: s.selectedId,
    busy: s.phase === 'loading' || s.refreshing,
  })));
  const loadMore = useRunsStore((s) => s.loadMore);
  const openDetail = useRunsStore((s) => s.openDetail);
  const onOpen = useCallback((id: number) => void openDetail(id), [openDetail]);
  const now = useNow();
  const query = useMemo(() => queryFromView({ filter, search, run: null }), [filter, search]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const footer = nextCursor !== null || moreError !== null;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length + (footer ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => items[index]?.id ?? 'footer',
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastRendered = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (nextCursor && !loadingMore && !moreError && lastRendered >= items.length - PREFETCH_ROWS) void loadMore();
  }, [lastRendered, items.length, nextCursor, loadingMore, moreError, loadMore]);

  const selectedIndex = selectedId === null ? -1 : items.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      className="runs-grid"
      role="grid"
      aria-label="Runs, newest first"
      aria-rowcount={nextCursor ? -1 : items.length + 1}
      aria-busy={busy}
      aria-activedescendant={selectedIndex >= 0 ? runRowDomId(selectedId!) : undefined}
      tabIndex={0}
      data-testid="runs-list"
    >
      <div role="rowgroup" className="runs-head">
        <div role="row" className="run-row-head">
          <div role="columnheader">Status</div>
          <div role="columnheader">Workflow</div>
          <div role="columnheader">Connector</div>
          <div role="columnheader">Started</div>
          <div role="columnheader">Duration</div>
          <div role="columnheader">Error</div>
        </div>
      </div>
      <div role="rowgroup" className="runs-scroll" ref={scrollRef}>
        <div className="runs-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((v) => {
            const run = items[v.index];
            if (!run) {
              return (
                <div key="footer" className="runs-footer" style={{ transform: `translateY(${v.start}px)` }}>
                  {moreError ? (
                    <>
                      <span>Couldn’t load more runs: {moreError}</span>
                      <button type="button" className="button button-small" onClick={() => void loadMore()}>Try again</button>
                    </>
                  ) : (
                    <span className="muted">Loading more runs…</span>
                  )}
                </div>
              );
            }
            return <RunRow key={run.id} run={run} selected={run.id === selectedId} now={now} top={v.start} onOpen={onOpen} href={formatRoute({ page: 'runs', query: { ...query, run: String(run.id) } })} />;
          })}
        </div>
      </div>
    </div>
  );
}
