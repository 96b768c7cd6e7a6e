import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library only auto-cleans when test globals are on; this suite imports from vitest explicitly.
afterEach(() => cleanup());
