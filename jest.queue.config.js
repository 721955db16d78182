/**
 * Queue-mode suite: a real n8n 2.41.1 main + two workers, PostgreSQL 17 and Redis, the packed
 * node installed on every instance (scripts/queue, test/queue). One test file that starts the
 * cluster in beforeAll and stops it in afterAll; run with --runInBand.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/test/queue/**/*.queue.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }] },
	testTimeout: 10 * 60_000,
	slowTestThreshold: 120,
	verbose: true,
};
