/**
 * `pnpm bench:phone [--runs 5] [--dir <checkout>] [--source] [--down-kbps 1600] [--up-kbps 750] [--rtt 150] [--cpu 4]`
 *
 * The benchmark lives in the tests package (tests/bench/phone.ts), which has
 * playwright-core and the test support as dependencies.
 */
await import('../tests/bench/phone.ts');
