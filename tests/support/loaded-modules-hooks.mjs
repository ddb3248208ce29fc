// The module hooks of loaded-modules.mjs: each module resolved, appended to the file.
import { appendFileSync } from 'node:fs';

let file;
export function initialize(data) {
  file = data.file;
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, `import ${resolved.url}\n`);
  return resolved;
}
