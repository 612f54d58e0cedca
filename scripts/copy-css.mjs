// The stylesheet ships as written: plain CSS, no build step, so hosts can read and override it.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
copyFileSync('src/components/styles.css', 'dist/styles.css');
