/**
 * Queue-mode suite: a real n8n 2.41.1 main + two workers, PostgreSQL 17 and Redis, the packed
 * node installed on every instance (scripts/queue, test/queue). One test file that starts the
 * cluster in beforeAll and stops it in afterAll; run with --runInBand.
 */
const realN8nSuite = require('./test/helpers/realN8nSuite.js');

module.exports = realN8nSuite('queue', 'queue', { testTimeout: 10 * 60_000, slowTestThreshold: 120 });
