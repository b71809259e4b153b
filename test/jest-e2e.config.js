/** API and worker tests: drive the real HTTP API on real PostgreSQL and Redis. */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testEnvironment: 'node',
  testRegex: '\\.e2e-spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!n2words)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A hook builds the whole app (and a worker); on a loaded 2-core machine that alone can take a
  // minute. Waits inside tests are bounded by their own waitFor limits.
  testTimeout: 120000,
  // One suite at a time (`--maxWorkers=1`: they share the database and Redis), in a worker process
  // that Jest replaces once it holds more than this after a suite: run in band, the one process
  // kept what every suite's apps left on its heap, and after ~50 suites it grew to the heap limit
  // (4 GB) and spent most of its time collecting garbage (suites 5–10× slower at the end).
  workerIdleMemoryLimit: '1200MB',
};
