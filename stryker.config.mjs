// StrykerJS over one lab's .meta/reference.ts against its visible + hidden suites, run in plain
// Node by vitest.mutation.config.mts. Driven by scripts/mutation.mjs (npm run mutation -- <lab>),
// which sets MUTATION_LAB and summarizes the JSON report into labs/<lab>/.meta/mutation.json.
const lab = process.env.MUTATION_LAB;
if (!lab || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(lab)) throw new Error('set MUTATION_LAB to a lab id (npm run mutation -- <lab>)');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  mutate: [`labs/${lab}/.meta/reference.ts`],
  coverageAnalysis: 'perTest',
  reporters: ['json', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${lab}.json` },
  tempDirName: `.stryker-tmp/${lab}`,
  cleanTempDir: 'always',
  // The sandbox copy needs the engines, the grader's harness, the labs and the configs; not the app.
  ignorePatterns: ['/.stryker-tmp', '/app', '/components', '/content', '/docs', '/lib', '/bench', '/prisma', '/public', '/.next', '/reports', '/test/unit', '/test/e2e', '/test-results'],
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 5000,
  timeoutFactor: 2,
  logLevel: 'warn',
  fileLogLevel: 'off',
  allowConsoleColors: false,
};

export default config;
