import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * styles.css is appended to by everyone, and a merge that keeps both sides'
 * blocks can lose a closing brace: every rule after it then sits inside the
 * block before (twice so far a phone-only @media query), and the build
 * says nothing. Count the braces outside comments.
 */
describe('styles.css', () => {
  it('closes every block it opens', () => {
    const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''));
    let depth = 0;
    css.split('\n').forEach((line, i) => {
      for (const ch of line) {
        depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        expect(depth, `line ${i + 1}`).toBeGreaterThanOrEqual(0);
      }
    });
    expect(depth).toBe(0);
  });
});
