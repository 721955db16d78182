// @ts-check
/**
 * The same mutation run as stryker.config.mjs, with only the property suites (test/property/):
 * how much of the promise-keeping code they guard on their own, without the example tests
 * (`npm run test:mutation -- --property-only`; CONTRIBUTING holds it at 75 %).
 */
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	...base,
	jest: { ...base.jest, config: { testMatch: ['**/test/property/**/*.test.ts'] } },
	incrementalFile: 'reports/mutation/stryker-incremental.property.json',
	jsonReporter: { fileName: 'reports/mutation/property.json' },
	htmlReporter: { fileName: 'reports/mutation/property.html' },
};
