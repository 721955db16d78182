/**
 * The compatibility subset of the e2e suite on the n8n 1.x LTS line (1.123.x): the same test
 * files and the same globalSetup as jest.e2e.config.js, the n8n version being a parameter of the
 * harness. n8n 1.x installs into its own runtime folder (.n8n-runtime-<version>, install-n8n.sh)
 * next to the default 2.41.1. Run with --runInBand.
 */
const path = require('node:path');
const e2e = require('./jest.e2e.config.js');

const version = process.env.N8N1_VERSION ?? '1.123.81';
// Set before globalSetup and the test files load scripts/e2e/paths.ts (same process: --runInBand).
process.env.N8N_VERSION = version;
process.env.N8N_RUNTIME_DIR = process.env.N8N1_RUNTIME_DIR ?? path.join(__dirname, `.n8n-runtime-${version}`);

/** Which e2e files run on 1.x: loading, records, files, credentials, the trigger, the editor, the AI tool, output schemas. */
const COMPATIBILITY_SUBSET = [
	'crmLead.e2e.test.ts',
	'credentials.e2e.test.ts',
	'examples.e2e.test.ts',
	'editor.e2e.test.ts',
	'agent.e2e.test.ts',
	'outputSchemas.e2e.test.ts',
	'schemaPreview.e2e.test.ts',
];

module.exports = {
	...e2e,
	testMatch: COMPATIBILITY_SUBSET.map((file) => `**/test/e2e/${file}`),
};
