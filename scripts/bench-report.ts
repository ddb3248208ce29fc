/**
 * `pnpm bench:report [--runs 20] [--warmup 5] [--pdf-runs 3] [--langs en,ar] [--no-pdf] [--out DIR]`
 *
 * The benchmark lives in the tests package (tests/bench/report.ts), which
 * has the server as a dependency.
 */
await import('../tests/bench/report.ts');
