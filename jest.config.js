/** Jest runs every suite against a real in-memory mongo-java-server started once in globalSetup. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  // meilisearch ships ESM only; let ts-jest transpile it.
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)'],
  testTimeout: 30000,
  maxWorkers: 2,
};
