/**
 * End-to-end suite: a real n8n (pinned, installed into .n8n-runtime/ by scripts/install-n8n.sh)
 * with the packed node installed as a community package, talking to the sandbox API.
 * globalSetup starts one stack (n8n + sandbox) for all test files; run with --runInBand.
 */
const realN8nSuite = require('./test/helpers/realN8nSuite.js');

module.exports = realN8nSuite('e2e', 'e2e', {
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	testTimeout: 180000,
	slowTestThreshold: 60,
});
