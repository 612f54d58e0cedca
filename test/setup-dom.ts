import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait up to 5 s (the default is 1 s): on a 2-core CI machine running every suite at once,
// a lazily imported chunk (the detail dialog, the virtualizer) can take over a second to arrive cold.
// A failing expectation still fails, only later.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
