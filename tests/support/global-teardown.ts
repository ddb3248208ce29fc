/** After the whole run (vitest's globalSetup): no process a test started outlives it (support/children.ts). */
import { killLeftovers } from './children';

export function teardown(): void {
  const killed = killLeftovers();
  if (killed > 0) console.warn(`killed ${killed} process(es) the tests started and left running`);
}
