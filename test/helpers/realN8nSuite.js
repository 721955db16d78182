/**
 * What every suite against a real n8n shares (e2e, installer, queue): ts-jest on the development
 * tsconfig (its isolatedModules makes ts-jest transpile each file alone, no type-check: that is
 * `npm run typecheck`), the Node environment, one folder of test files with its own suffix, long timeouts and
 * verbose output. Each config adds only what is its own.
 */
module.exports = function realN8nSuite(folder, suffix, own) {
	return {
		preset: 'ts-jest',
		testEnvironment: 'node',
		roots: [`<rootDir>/test/${folder}`],
		testMatch: [`**/test/${folder}/**/*.${suffix}.test.ts`],
		transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
		verbose: true,
		...own,
	};
};
