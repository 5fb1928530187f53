import { defineConfig } from 'vitest/config';
import path from 'node:path';

/** A far zone with an odd offset (UTC+12:45 / +13:45): no engine result may change with the host's TZ. */
const FAR_ZONE = 'Pacific/Chatham';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Services start with `import 'server-only'`, which throws outside Next's server build; tests run them in Node.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts', 'server/**/*.test.ts'] },
      },
      {
        // The engine, simulator and transaction tests again, with the host in FAR_ZONE: same expectations.
        extends: true,
        test: {
          name: `engine TZ=${FAR_ZONE}`,
          include: ['lib/engine/**/*.test.ts', 'lib/simulation/**/*.test.ts', 'lib/transactions/**/*.test.ts'],
          // Not again: the static checker (documents only, no transaction, no clock) and the check of
          // Node's zone data (independent of the host's zone).
          exclude: ['lib/engine/check/**', 'lib/engine/plan/time-zone-data.test.ts'],
          env: { TZ: FAR_ZONE, SWITCHYARD_EXPECT_HOST_ZONE: FAR_ZONE },
        },
      },
    ],
  },
});
