/**
 * The web app is written against React's API and runs on Preact
 * (preact/compat): the same components, hooks, Suspense and lazy views, in a
 * runtime of about 12 KB gzipped instead of React DOM's 60, which was most of
 * what a delegate's phone parsed before it could ask for the floor (README,
 * "Fast on a phone"). The build and the development server resolve React
 * through these aliases; the types stay React's (@types/react). The web unit
 * tests (markup rendered to a string) run on React; the browser tests run the
 * build, Preact.
 *
 * The targets are files, not package names: a library that imports React
 * (react-i18next, @lexical/react) does not depend on preact, so the name
 * "preact/compat" would not resolve from where it stands.
 */
import { join } from 'node:path';

const preact = join(import.meta.dirname, 'node_modules/preact');
const compat = join(preact, 'compat/dist/compat.mjs');
const jsx = join(preact, 'jsx-runtime/dist/jsxRuntime.mjs');

export const REACT_TO_PREACT = [
  { find: /^react-dom\/client$/, replacement: join(preact, 'compat/client.mjs') },
  { find: /^react-dom$/, replacement: compat },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: jsx },
  { find: /^react$/, replacement: compat },
];
