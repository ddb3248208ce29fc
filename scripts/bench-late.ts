/**
 * `pnpm bench:late [--rounds 3] [--keys 150] [--rate 10] [--viewers 30] [--updates 10000] [--adopted 50]`
 *
 * The benchmark lives in the tests package (tests/bench/late.ts), which has
 * the server and socket.io-client as dependencies.
 */
await import('../tests/bench/late.ts');
