import { defineConfig } from 'vitest/config'

// Projects let a developer run one kind of test: `npm run test:unit` (core and lint, no
// processes or browser), `vitest run --project ui`, and so on. `npm test` runs them all.
const shared = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const }

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/core/**/*.test.ts', 'test/lint/**/*.test.ts'] } },
      { test: { ...shared, name: 'adapters', include: ['test/adapters/**/*.test.ts'] } },
      { test: { ...shared, name: 'reliability', include: ['test/reliability/**/*.test.ts'] } },
      { test: { ...shared, name: 'ui', include: ['test/ui/**/*.test.ts', 'test/ui/**/*.test.tsx'] } },
      // Any other folder of tests still runs with `npm test`.
      {
        test: {
          ...shared,
          name: 'other',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/{core,lint,adapters,reliability,ui}/**', '**/node_modules/**']
        }
      }
    ]
  }
})
