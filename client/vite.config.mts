import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { NodePackageImporter } from 'sass';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// `npm run client:dev` proxies the API to a server started with `npm start` (or PILOTLINE_API).
const apiTarget = process.env.PILOTLINE_API ?? 'http://localhost:4000';

export default defineConfig({
  root: clientRoot,
  oxc: { jsx: { runtime: 'automatic' } },
  css: {
    // govuk-frontend is imported as `pkg:govuk-frontend`; its CSS carries an old IE hack lightningcss would reject.
    // @ministryofjustice/frontend reaches govuk-frontend as `node_modules/govuk-frontend/…`, so the repository root is a load path.
    preprocessorOptions: { scss: { importers: [new NodePackageImporter()], loadPaths: [repoRoot], quietDeps: true } },
    lightningcss: { errorRecovery: true },
  },
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, sourcemap: true },
  server: {
    proxy: Object.fromEntries(['/graphql', '/auth', '/export', '/livez', '/readyz'].map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
  test: {
    root: clientRoot,
    projects: [
      {
        extends: true,
        test: { name: 'components', environment: 'jsdom', testTimeout: 20_000, include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['src/test/setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
