/**
 * End-to-end suite: a real n8n (pinned, installed into .n8n-runtime/ by scripts/install-n8n.sh)
 * with the packed node installed as a community package, talking to the sandbox API.
 * globalSetup starts one stack (n8n + sandbox) for all test files; run with --runInBand.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }] },
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	testTimeout: 180000,
	slowTestThreshold: 60,
	verbose: true,
};
