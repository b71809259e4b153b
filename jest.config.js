/** Unit tests: pure logic beside the code (*.spec.ts), no services needed. */
module.exports = {
  rootDir: 'src',
  testEnvironment: 'node',
  testRegex: '.*\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!n2words)'],
  // Renders of whole PDFs with fonts and pdftotext runs: 5 s is too little on a busy 2-core machine.
  testTimeout: 20000,
};
