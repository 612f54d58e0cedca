// Over the built declarations (dist/types, made by `npm run build`): every relative import names the file
// Node's ESM resolution loads, so a host on `moduleResolution: node16 | nodenext` gets the types of every
// re-export (attw checks the same on the packed tarball in CI).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TYPES = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/types');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.\.?\/[^'"]*)['"]/g;

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? declarationFiles(join(dir, entry.name)) : entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the built declarations', () => {
  it('import each other by the .js file Node resolves, and that file has a declaration', () => {
    if (!existsSync(join(TYPES, 'index.d.ts'))) throw new Error('dist/types is not built: run "npm run build" first (npm test does).');
    const specifiers = declarationFiles(TYPES).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => ({ file, specifier: match[1]! })),
    );
    expect(specifiers.length).toBeGreaterThan(50);
    const wrong = specifiers
      .filter(({ file, specifier }) => !specifier.endsWith('.js') || !existsSync(resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts'))))
      .map(({ file, specifier }) => `${relative(TYPES, file)}: ${specifier}`);
    expect(wrong).toEqual([]);
  });
});
