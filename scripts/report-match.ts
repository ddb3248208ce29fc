/**
 * `pnpm report:match [--show]`: the share of the report's generated paragraphs, per type,
 * that match the model report word for word (tests/bench/report-match.ts).
 */
await import('../tests/bench/report-match.ts');
