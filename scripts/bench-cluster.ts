/**
 * `pnpm bench:cluster [--parts a,b,c] [--readers 3000] [--rate 10] [--seconds 10] [--procs 2] [--meetings 100] [--clients 30] [--kills 10]`
 *
 * The benchmark lives in the tests package (tests/bench/cluster.ts).
 */
await import('../tests/bench/cluster.ts');
