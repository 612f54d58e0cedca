import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` in the browser (runs before paint, so a measured or read style never flashes),
 * `useEffect` on the server, where layout effects do nothing (and React 18 warns about them).
 */
export const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;
