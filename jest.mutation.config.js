/**
 * The tests a mutation run (stryker.config.mjs) runs: every suite that exercises the modules it
 * mutates. Left out, to keep runs affordable: the sandbox's own tests, the contract check, file
 * and import operations, and the lint, layering and schema checks — none of them reaches the
 * mutated code's promises. (stryker.property.config.mjs narrows it to the property suites.)
 */
const base = require('./jest.config.js');

const PROMISE_TESTS = [
	'**/test/unit/{auth,convert,deletionState,paging,pollGuard,pollState,serverTime,tasks}.test.ts',
	// The door against a server you do not control (README, "Security")
	'**/test/unit/{answerBody,answerShape,deadline,fileName,ownKeys,redact,redirect,serverText}.test.ts',
	'**/test/integration/*.test.ts',
	'**/test/property/**/*.test.ts',
];
const LEFT_OUT = ['/test/integration/(contract|fileOperations|importStatus)\\.test\\.ts$'];

module.exports = {
	...base,
	// The product and the harness too: Stryker runs each mutant's tests with --findRelatedTests,
	// which follows imports only through files inside `roots`.
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials', '<rootDir>/scripts', '<rootDir>/sandbox'],
	// An absolute path: Stryker's jest environment (per-test coverage) wraps this one and does not expand <rootDir>.
	testEnvironment: `${__dirname}/test/helpers/quietEnvironment.ts`,
	// Starts only the test files that hold one of a mutant's tests (test/helpers/mutationRunner.cjs).
	runner: `${__dirname}/test/helpers/mutationRunner.cjs`,
	testMatch: PROMISE_TESTS,
	testPathIgnorePatterns: ['/node_modules/', ...LEFT_OUT],
	testEnvironmentOptions: {
		// The scale tests: the same promises at volume (10,000 leads, 1,000 items, tokens expiring
		// every 2 s), a third of the suite's time, which every surviving mutant would pay again. A
		// mutant only they would kill shows up as a survivor.
		leaveOut: ['10,000 leads, 100 per request', 'tokens that live 2 seconds', 'Continue On Fail at scale'],
	},
};
