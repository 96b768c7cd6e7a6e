// Imported first by benchmarks of code the renderer runs: its CSP refuses `new Function`, so zod runs without its
// JIT there (renderer/src/zod-config.ts), and core's schemas must see the setting before they are built.
import * as z from 'zod';

z.config({ jitless: true });
