/**
 * `import 'server-only'` marks modules that must never reach a browser bundle; Next resolves it to an
 * empty module on the server. This process is server code too, so it resolves it the same way.
 */
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const empty = ${JSON.stringify(new URL('../node_modules/server-only/empty.js', import.meta.url).href)};
      export async function resolve(specifier, context, next) {
        return specifier === 'server-only' ? { url: empty, shortCircuit: true } : next(specifier, context);
      }
    `),
);
