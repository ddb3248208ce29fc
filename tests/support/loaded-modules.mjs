/**
 * `node --import` this file to have a process write down every module it
 * loads, one a line, to the file named by GAVEL_LOADED_MODULES: what ES
 * modules resolve to (in any thread: Node 20 runs the hooks for the worker
 * threads too), and what `require` is asked for on the main thread (the
 * compiled server's deferred packages are required on first use). Read by
 * tests of what the server loads at start (tests/integration/compiled-server.test.ts).
 */
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.GAVEL_LOADED_MODULES;
if (!file) throw new Error('GAVEL_LOADED_MODULES: the file to write the loaded modules to');
register('./loaded-modules-hooks.mjs', import.meta.url, { data: { file } });
const require = Module.prototype.require;
Module.prototype.require = function (id) {
  appendFileSync(file, `require ${id}\n`);
  return require.call(this, id);
};
