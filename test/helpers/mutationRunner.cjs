/**
 * jest's own test runner, for mutation runs (jest.mutation.config.js). Stryker runs each mutant's
 * tests with a test-name pattern over every test file that imports the mutated module, and jest
 * loads each of those files (n8n-core and the sandbox with it, about a second each) even when none
 * of its tests match: most of a mutant's time. So the dry run (no pattern, no active mutant)
 * writes which tests each file holds, and a mutant's run starts only the files with a matching
 * test. A file that is not in the list always runs.
 */
const fs = require('node:fs');
const path = require('node:path');
const { default: TestRunner } = require('jest-runner');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

class MutationRunner extends TestRunner {
	async runTests(tests, watcher, options) {
		const listFile = path.join(this._globalConfig.rootDir, 'reports', 'mutation', 'tests-by-file.json');
		const pattern = this._globalConfig.testNamePattern;
		if (process.env[ACTIVE_MUTANT] !== undefined && pattern && fs.existsSync(listFile)) {
			const testsByFile = JSON.parse(fs.readFileSync(listFile, 'utf8'));
			// jest matches the pattern against each test's full name, ignoring case.
			const matches = new RegExp(pattern, 'i');
			const wanted = tests.filter((test) => !(test.path in testsByFile) || testsByFile[test.path].some((name) => matches.test(name)));
			return await super.runTests(wanted, watcher, options);
		}
		if (process.env[ACTIVE_MUTANT] !== undefined || pattern) return await super.runTests(tests, watcher, options);
		const testsByFile = {};
		const unsubscribe = this.on('test-file-success', ([test, result]) => {
			testsByFile[test.path] = result.testResults.map((assertion) => assertion.fullName);
		});
		try {
			return await super.runTests(tests, watcher, options);
		} finally {
			unsubscribe();
			fs.mkdirSync(path.dirname(listFile), { recursive: true });
			fs.writeFileSync(listFile, JSON.stringify(testsByFile));
		}
	}
}

module.exports = MutationRunner;
