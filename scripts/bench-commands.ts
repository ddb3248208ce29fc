/**
 * `pnpm bench:commands [--clients 10,50] [--seconds 6] [--repeat 2] [--prefill 10000] [--warmup 4] [--against DIR/main.js]`
 *
 * The benchmark lives in the tests package (tests/bench/commands.ts).
 */
await import('../tests/bench/commands.ts');
