// Imported first by main.tsx: core's schemas (built when core is imported) must see this before zod probes
// `new Function` for its JIT, which the CSP (script-src 'self', no 'unsafe-eval') refuses and reports.
import * as z from 'zod';

z.config({ jitless: true });
