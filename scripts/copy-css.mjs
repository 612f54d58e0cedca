// Ships one plain stylesheet: src/components/styles.css with its relative @imports inlined, no other
// transformation, so hosts can read and override it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function inline(file, seen = new Set()) {
  if (seen.has(file)) throw new Error(`CSS @import cycle at ${file}`);
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/^@import\s+['"](\.[^'"]+)['"];\s*$/gm, (_line, relative) =>
    inline(join(dirname(file), relative), seen),
  );
}

mkdirSync('dist', { recursive: true });
writeFileSync('dist/styles.css', inline('src/components/styles.css'));
