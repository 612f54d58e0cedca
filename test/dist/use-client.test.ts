// Over the built package (dist/, made by `npm run build`; npm test builds first): which emitted modules carry
// 'use client'. React Server Components (the Next.js App Router) treat the directive per module, so each
// client module needs it, and a module without React must not have it (a server could no longer call it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'dist');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'types' ? [] : jsFiles(path);
    return entry.name.endsWith('.js') ? [relative(DIST, path)] : [];
  });
}

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
/** The directive as the first statement: only comments and whitespace may come before it. */
const startsWithUseClient = (code: string) => /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1;?/.test(code);

let files: string[] = [];
beforeAll(() => {
  if (!existsSync(join(DIST, 'index.js'))) throw new Error('dist/ is not built: run "npm run build" first (npm test does).');
  files = jsFiles(DIST);
});

describe("'use client' in the built package", () => {
  it('is on every component and hook module', () => {
    const clientModules = [
      'components/SessionList.js',
      'components/SessionFilters.js',
      'components/SessionDetail.js',
      'components/RefundSummary.js',
      'components/Pagination.js',
      'components/ExportButton.js',
      'components/StatusBadge.js',
      'components/workspace.js',
      'components/theme.js',
      'components/detail/SessionDetailDialog.js',
      'components/list/VirtualRows.js',
      'hooks/context.js',
      'hooks/use-payment-sessions.js',
      'hooks/use-pagination.js',
      'hooks/use-session-filters.js',
      'hooks/use-refund-summary.js',
      'hooks/use-session-export.js',
      'hooks/use-session-action.js',
    ];
    expect(clientModules.filter((file) => !startsWithUseClient(read(file)))).toEqual([]);
  });

  it('is on every emitted module that imports React or a React-bound package', () => {
    const importsReact = /^import[^;]*from\s*"(react|react-dom|swr|@radix-ui\/[^"]+|@tanstack\/react-virtual)(\/[^"]*)?";/m;
    const missing = files.filter((file) => importsReact.test(read(file)) && !startsWithUseClient(read(file)));
    expect(files.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('is not on the core, the adapters, the server proxy, the fakes, the locales or the plain modules', () => {
    const marked = files.filter((file) => read(file).includes('use client'));
    expect(marked.filter((file) => /^(core|adapters|server|testing|locales)\//.test(file))).toEqual([]);
    // Entry barrels only re-export: left plain, a server keeps createTruemedFetcher, messages… as values.
    expect(marked.filter((file) => ['index.js', 'headless.js', 'actions.js', 'server.js', 'testing.js'].includes(file))).toEqual([]);
    expect(marked).not.toContain('components/messages.js');
    expect(marked).not.toContain('components/format.js');
  });

  it('keeps the sourcemaps pointing at the right source lines after the added line', () => {
    for (const [file, source, needle] of [
      ['components/SessionList.js', 'src/components/SessionList.tsx', 'function SessionList('],
      ['hooks/use-payment-sessions.js', 'src/hooks/use-payment-sessions.ts', 'function usePaymentSessions('],
    ] as const) {
      const code = read(file).split('\n');
      const line = code.findIndex((text) => text.includes(needle));
      const column = code[line]!.indexOf(needle);
      const map = new SourceMap(JSON.parse(read(`${file}.map`)));
      const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
      expect(entry.originalSource).toMatch(new RegExp(`${source.replace(/[/.]/g, '\\$&')}$`));
      const original = readFileSync(join(ROOT, source), 'utf8').split('\n');
      expect(original[entry.originalLine!]).toContain(needle);
    }
  });
});
