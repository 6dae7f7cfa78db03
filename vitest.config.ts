import { defineConfig } from 'vitest/config';

// One run covers every level: pure (*.test.ts), database (*.db.test.ts), HTTP (*.http.test.ts),
// CLI (*.cli.test.ts) and browser (test/e2e/*.e2e.ts). Each file gets its own database.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'test/e2e/**/*.e2e.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
