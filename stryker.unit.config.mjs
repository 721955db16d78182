// @ts-check
/**
 * The same mutation run as stryker.config.mjs, with only the unit tests (test/unit/): minutes
 * instead of hours for the pure modules, and a lower bound of what `npm test` kills (the
 * integration and property suites can only kill more). `npm run test:mutation -- --unit-only`.
 */
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	...base,
	jest: { ...base.jest, config: { testMatch: ['**/test/unit/**/*.test.ts'] } },
	incrementalFile: 'reports/mutation/stryker-incremental.unit.json',
	jsonReporter: { fileName: 'reports/mutation/unit.json' },
	htmlReporter: { fileName: 'reports/mutation/unit.html' },
};
