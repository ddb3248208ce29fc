/**
 * `pnpm bench:meetings [--meetings 10] [--readers 10] [--rate 8] [--seconds 15] [--warmup 10] [--repeat 1] [--typing random|even] [--against DIR/main.js]`
 *
 * The benchmark lives in the tests package (tests/bench/meetings.ts).
 */
await import('../tests/bench/meetings.ts');
