/**
 * `pnpm bench:memory [--repeat 3] [--against DIR/main.js]`
 *
 * The benchmark lives in the tests package (tests/bench/memory.ts).
 */
await import('../tests/bench/memory.ts');
