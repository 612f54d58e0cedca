// Declarations for Node's ESM resolution: tsc copies the sources' extensionless relative imports
// (`from './headless'`) into dist/types, which TypeScript resolves under `moduleResolution: bundler` only.
// A host on `node16`/`nodenext` (a Node server importing './server', say) would see those re-exports
// as unresolved and lose the types (attw: "Internal resolution error"). Rewrites each relative specifier
// to the file Node would load: './headless' -> './headless.js', './core' -> './core/index.js'.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const TYPES = resolve(process.argv[2] ?? 'dist/types');
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?(?:\/[^'"]*)?)\2/g;

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The specifier Node resolves to the same declaration, or null when there is no such file. */
function withExtension(fromFile, specifier) {
  if (/\.(js|mjs|cjs|json|css)$/.test(specifier)) return specifier;
  const base = resolve(dirname(fromFile), specifier);
  if (existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  return null;
}

let rewritten = 0;
const unresolved = [];
for (const file of declarationFiles(TYPES)) {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(SPECIFIER, (match, lead, quote, specifier) => {
    const fixed = withExtension(file, specifier);
    if (fixed === null) {
      unresolved.push(`${file}: ${specifier}`);
      return match;
    }
    if (fixed !== specifier) rewritten += 1;
    return `${lead}${quote}${fixed}${quote}`;
  });
  if (after !== before) writeFileSync(file, after);
}
if (unresolved.length > 0) {
  console.error(`Relative imports in the declarations that match no declaration file:\n  ${unresolved.join('\n  ')}`);
  process.exit(1);
}
if (process.env.RPS_VERBOSE) console.warn(`fix-dts-specifiers: ${rewritten} specifiers rewritten`);
