/**
 * Installer suite: n8n's own community-node installer (Settings → Community Nodes, over
 * /rest/community-packages) against a local Verdaccio registry holding release 0.1.0 (from the
 * git history) and the working tree's version, in the pinned n8n; plus the README's CLI path.
 * One test file whose tests run in order on one n8n; run with --runInBand.
 */
const realN8nSuite = require('./test/helpers/realN8nSuite.js');

module.exports = realN8nSuite('installer', 'installer', { testTimeout: 5 * 60_000, slowTestThreshold: 60 });
