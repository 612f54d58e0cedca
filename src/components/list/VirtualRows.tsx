/**
 * The virtualized table body of `SessionList`. Its own module, loaded with `React.lazy` only when a page
 * has more rows than `virtualizeAbove`, so a normal page never downloads `@tanstack/react-virtual`.
 */
import { useEffect, useRef, useState } from 'react';
import { measureElement as measureRow, useVirtualizer } from '@tanstack/react-virtual';
import { useBrowserLayoutEffect } from '../shared/use-browser-layout-effect';
import { SessionListRow, type RowsProps } from './rows';

/** Rows rendered beyond the visible ones on each side, so fast scrolling and Tab rarely meet a gap. */
const OVERSCAN = 8;

/**
 * Only the rows in view (plus overscan) are in the DOM. Table semantics stay intact: the rows carry
 * `aria-rowindex` (the table has `aria-rowcount`), and the space of the rows not rendered is taken by
 * two `aria-hidden` spacer rows, so the scroll height and the column widths are those of the full table.
 */
export default function VirtualRows({
  sessions,
  context,
  selectedId,
  bodyClassName,
  stale,
  scrollElementRef,
  scrollToIndexRef,
  estimatedRowHeight,
  initialHeight,
}: RowsProps) {
  // Rows start below the (sticky) header: the virtualizer must know, or its offsets are off by its height
  // and rows scrolled to the start would hide under it.
  const [headerHeight, setHeaderHeight] = useState(0);
  useBrowserLayoutEffect(() => {
    setHeaderHeight(scrollElementRef.current?.querySelector('thead')?.offsetHeight ?? 0);
  }, [scrollElementRef]);

  // Rows are usually all one height: once a row is measured, rows not measured yet are estimated at that
  // height, so rows scrolled or re-sorted into view rarely resize (every resize is another render).
  const learnedRowHeight = useRef<number | undefined>(undefined);

  const virtualizer = useVirtualizer({
    count: sessions.length,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    getScrollElement: () => scrollElementRef.current,
    estimateSize: () => learnedRowHeight.current ?? estimatedRowHeight,
    measureElement: (element, entry, instance) => {
      const size = measureRow(element, entry, instance);
      if (size > 0) learnedRowHeight.current = size;
      return size;
    },
    getItemKey: (index) => sessions[index]?.id ?? index,
    overscan: OVERSCAN,
    // Before the scroll element is measured (and on the server) assume its maximum height.
    initialRect: { width: 0, height: initialHeight },
    // The first measurement happens inside a layout effect, where React refuses flushSync (and warns);
    // a normal re-render is as fast in React 18+ with automatic batching.
    useFlushSync: false,
  });

  useEffect(() => {
    scrollToIndexRef.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
    return () => {
      scrollToIndexRef.current = null;
    };
  }, [virtualizer, scrollToIndexRef]);

  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const spaceBefore = first ? first.start - headerHeight : 0;
  const spaceAfter = last ? virtualizer.getTotalSize() - last.end : 0;
  const columnCount = context.columns.length + (context.rowActions ? 1 : 0);

  return (
    <tbody className={bodyClassName} data-stale={stale || undefined} data-virtualized="">
      {spaceBefore > 0 ? <SpacerRow height={spaceBefore} columnCount={columnCount} /> : null}
      {items.map((item) => {
        const session = sessions[item.index];
        if (!session) return null;
        return (
          <SessionListRow
            key={item.key}
            session={session}
            index={item.index}
            selected={session.id === selectedId}
            context={context}
            measureRef={virtualizer.measureElement}
          />
        );
      })}
      {spaceAfter > 0 ? <SpacerRow height={spaceAfter} columnCount={columnCount} /> : null}
    </tbody>
  );
}

/** Takes the height of rows that are not rendered; invisible to assistive technology. */
function SpacerRow({ height, columnCount }: { height: number; columnCount: number }) {
  return (
    <tr aria-hidden="true" className="rps-session-list__spacer">
      {/* Structural, so inline: it must hold in `unstyled` mode too. */}
      <td colSpan={columnCount} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
