/**
 * `pnpm bench:checkpoint [--updates 10000] [--rounds 4] [--every 500]`
 *
 * The benchmark lives in the tests package (tests/bench/checkpoint.ts), which
 * has the server and socket.io-client as dependencies.
 */
await import('../tests/bench/checkpoint.ts');
