/** Unit and integration tests (the sandbox runs over real HTTP inside the integration suite). */
module.exports = {
	preset: 'ts-jest',
	// quiet: a test's console output (n8n's logger) is printed only when that test fails
	testEnvironment: '<rootDir>/test/helpers/quietEnvironment.ts',
	roots: ['<rootDir>/test'],
	testMatch: ['**/test/unit/**/*.test.ts', '**/test/integration/**/*.test.ts', '**/test/property/**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	testTimeout: 30000,
};
