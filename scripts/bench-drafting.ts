/**
 * `pnpm bench:drafting [--mode pen|writers|all] [--delegates 200] [--viewers 1000]
 *  [--writers 20] [--readers 200] [--rate 10] [--seconds 20] [--procs 1] [--no-presence]`
 *
 * The benchmark lives in the tests package (tests/bench/drafting.ts), which
 * has the server and socket.io-client as dependencies.
 */
await import('../tests/bench/drafting.ts');
