// Unit and integration tests (Playwright e2e lives in test/e2e and runs with `npx playwright test`).
// Core code runs as-is: `.ts` imports, erasable syntax only. Electron code is tested with `vi.mock('electron')`.
import { defineConfig } from 'vitest/config';

const project = (name: string, include: string[]) => ({ extends: true, test: { name, include } });

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    exclude: ['**/node_modules/**', 'test/e2e/**', 'test/lint/fixtures/**', 'out/**', 'dist/**', 'release/**', '.tools/**'],
    projects: [
      project('core', ['core/**/*.test.ts']),
      project('electron', ['electron/**/*.test.ts']),
      project('renderer', ['renderer/**/*.test.{ts,tsx}']),
      project('integration', ['test/integration/**/*.test.ts']),
      project('lint', ['test/lint/**/*.test.ts']),
      project('scripts', ['scripts/**/*.test.ts']),
      project('reliability', ['test/reliability/**/*.test.ts', 'test/fuzz/**/*.test.ts']),
    ],
  },
});
