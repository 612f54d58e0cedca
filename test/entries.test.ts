// What each browser entry point pulls in before anything renders, read from the sources: the headless
// entry has no Radix, no virtualizer and no CSS; the main entry loads Radix and the virtualizer only lazily.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from './support/import-graph';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const relative = (file: string) => file.slice(SRC.length + 1);

function eager(entry: string) {
  const graph = importGraph(resolve(SRC, entry));
  return {
    files: [...graph.keys()].map(relative),
    runtime: new Set([...graph.values()].flatMap((node) => node.runtime)),
    lazy: [...new Set([...graph.values()].flatMap((node) => node.lazy))].map(relative).sort(),
  };
}

describe('react-payment-sessions/headless', () => {
  const headless = eager('headless.ts');

  it('follows the hooks and both adapters (the walk is real)', () => {
    expect(headless.files).toEqual(expect.arrayContaining(['hooks/context.tsx', 'hooks/use-payment-sessions.ts', 'adapters/truemed/fetcher.ts', 'adapters/oneentry/fetcher.ts']));
  });

  it('imports no Radix, no virtualizer, no CSS and no component', () => {
    // Only these packages, each for its own job; nothing visual.
    const allowed = ['react', 'swr', 'valibot', 'date-fns', '@date-fns/tz', '@date-fns/tz/date/mini', '@date-fns/tz/tzOffset'];
    expect([...headless.runtime].filter((dep) => !allowed.includes(dep))).toEqual([]);
    expect(headless.runtime.has('swr')).toBe(true);
    expect(headless.files.some((file) => file.startsWith('components/'))).toBe(false);
    // Only the CSV writer loads later, when an export has its rows.
    expect(headless.lazy).toEqual(['core/csv.ts']);
  });
});

describe('react-payment-sessions', () => {
  const main = eager('index.ts');

  it('leaves the German and French messages to their own entry points (an English portal ships neither)', () => {
    expect(main.files).toEqual(expect.arrayContaining(['components/messages.ts']));
    expect(main.files.filter((file) => file.startsWith('components/locales/'))).toEqual([]);
    expect(eager('components/locales/de.ts').runtime.size).toBe(0);
  });

  it('loads Radix Dialog and the virtualizer only in their lazy chunks', () => {
    expect(main.files).toEqual(expect.arrayContaining(['components/SessionList.tsx', 'components/SessionDetail.tsx']));
    expect(main.runtime.has('@radix-ui/react-dialog')).toBe(false);
    expect(main.runtime.has('@tanstack/react-virtual')).toBe(false);
    expect(main.lazy).toEqual(['components/detail/SessionDetailDialog.tsx', 'components/list/VirtualRows.tsx', 'core/csv.ts']);
    expect(eager('components/detail/SessionDetailDialog.tsx').runtime.has('@radix-ui/react-dialog')).toBe(true);
    // The detail dialog fetches the merchant actions only when the provider has an actions client.
    expect(eager('components/detail/SessionDetailDialog.tsx').lazy).toEqual(['components/actions/SessionActions.tsx']);
    expect(eager('components/list/VirtualRows.tsx').runtime.has('@tanstack/react-virtual')).toBe(true);
  });
});

describe('react-payment-sessions/actions', () => {
  const actions = eager('actions.ts');
  const ACTION_MODULES = ['core/actions.ts', 'adapters/truemed/actions.ts', 'hooks/use-session-action.ts', 'hooks/session-action-runs.ts'];

  it('holds the rules, the Truemed client and the hook', () => {
    expect(actions.files).toEqual(expect.arrayContaining(ACTION_MODULES));
  });

  it('imports no Radix, no virtualizer, no valibot, no CSS and no component', () => {
    expect([...actions.runtime].filter((dep) => !['react', 'swr'].includes(dep))).toEqual([]);
    expect(actions.files.some((file) => file.startsWith('components/'))).toBe(false);
    // The buttons and dialogs (Radix with them) are a chunk of their own, fetched on first render.
    expect(actions.lazy).toEqual(['components/actions/SessionActions.tsx']);
    expect(eager('components/actions/SessionActions.tsx').runtime.has('@radix-ui/react-dialog')).toBe(true);
  });

  it('is not part of the eager `.` or `./headless` entries', () => {
    for (const entry of ['index.ts', 'headless.ts']) {
      expect(eager(entry).files.filter((file) => ACTION_MODULES.includes(file))).toEqual([]);
    }
  });
});
