// The README promises that styles.css has zero specificity (every selector inside `:where()`), touches
// only `.rps-*` classes and never uses `!important`, so that any host rule wins. Read from the sources.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const STYLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/components/styles');
const files = readdirSync(STYLES).filter((file) => file.endsWith('.css'));

/** Every rule's selector list, with at-rules unwrapped and keyframes left out. */
function selectorLists(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  let depth = 0;
  let prelude = '';
  const skipDepths: number[] = [];
  for (const char of text) {
    if (char === '{') {
      const head = prelude.trim();
      if (head.startsWith('@keyframes')) skipDepths.push(depth);
      else if (!head.startsWith('@') && !skipDepths.length) selectors.push(head);
      depth += 1;
      prelude = '';
    } else if (char === '}') {
      depth -= 1;
      if (skipDepths.at(-1) === depth) skipDepths.pop();
      prelude = '';
    } else if (char === ';') {
      prelude = '';
    } else {
      prelude += char;
    }
  }
  return selectors;
}

/** Splits at top-level commas (not those inside `:where(…)` or `:not(…)`). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  return parts;
}

/** What of a selector is outside every `:where(…)`, pseudo-element and combinator: it adds specificity. */
function outsideWhere(selector: string): string {
  let rest = '';
  let i = 0;
  while (i < selector.length) {
    if (selector.startsWith(':where(', i)) {
      let depth = 0;
      let j = i + ':where'.length;
      do {
        if (selector[j] === '(') depth += 1;
        if (selector[j] === ')') depth -= 1;
        j += 1;
      } while (depth > 0 && j < selector.length);
      i = j;
    } else {
      rest += selector[i];
      i += 1;
    }
  }
  return rest.replace(/::?(before|after|placeholder|marker)\b/g, '').replace(/[\s>+~]/g, '');
}

describe('styles.css', () => {
  const rules = files.flatMap((file) => selectorLists(readFileSync(join(STYLES, file), 'utf8')).map((list) => ({ file, list })));

  it('is read whole (every component file, many rules)', () => {
    expect(files).toEqual(expect.arrayContaining(['base.css', 'session-list.css', 'refund-summary.css', 'session-detail.css']));
    expect(rules.length).toBeGreaterThan(150);
  });

  it('has zero specificity: every selector is inside :where()', () => {
    const offending = rules.flatMap(({ file, list }) =>
      splitTopLevel(list)
        .filter((selector) => outsideWhere(selector) !== '')
        .map((selector) => `${file}: ${selector}`),
    );
    expect(offending).toEqual([]);
  });

  it('names only .rps-* classes', () => {
    const classes = rules.flatMap(({ list }) => [...list.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1] ?? ""));
    expect(classes.length).toBeGreaterThan(150);
    expect([...new Set(classes.filter((name) => !name.startsWith('rps-')))]).toEqual([]);
  });

  it('never uses !important', () => {
    for (const file of files) expect(readFileSync(join(STYLES, file), 'utf8')).not.toMatch(/!\s*important/);
  });

  it('the checker itself sees specificity outside :where()', () => {
    expect(outsideWhere(':where(.rps-root) :where(.rps-a):not([data-x])')).toBe(':not([data-x])');
    expect(outsideWhere(':where(.rps-root) :where(.rps-a)::before')).toBe('');
    expect(splitTopLevel(':where(.a, .b) :where(.c), .d')).toEqual([':where(.a, .b) :where(.c)', '.d']);
  });
});
