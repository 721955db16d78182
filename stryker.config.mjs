// @ts-check
/**
 * Mutation testing (StrykerJS) of the modules that keep the README's promises ("What a sync and
 * the trigger guarantee"). `npm run test:mutation` runs it (scripts/mutation.ts): incrementally,
 * then a score per module and the surviving mutants. CONTRIBUTING, "Mutation testing".
 *
 * PROMISE_MODULES is the one list of what is mutated: a module that comes to keep a promise
 * (e.g. a new resource's bulk path, the hostile-server work) is added here, and nowhere else.
 */
export const PROMISE_MODULES = [
	// Last value wins per ID; one output per input, in order
	'nodes/CrmLead/actions/leadOrder.ts',
	'nodes/CrmLead/actions/router.ts',
	'nodes/CrmLead/actions/runConcurrently.ts',
	// Bulk (Leads Per Request): chunks, halving, busy never splits a chunk
	'nodes/CrmLead/actions/tasks.ts',
	'nodes/CrmLead/actions/common/bulkSave.ts',
	// Busy is busy (retries, Retries When Busy), login renewal: one login per expiry
	'nodes/CrmLead/transport/request.ts',
	'credentials/common/login.ts',
	'credentials/common/sharedLogin.ts',
	// Get Many paging: exactly the server's rows, or the error naming its behaviour
	'nodes/CrmLead/transport/paging.ts',
	'nodes/CrmLead/transport/leadList.ts',
	'nodes/CrmLead/transport/rowOrder.ts',
	// A server you do not control (README, "Security"): no redirect followed, a deadline for the whole
	// exchange, answers within a size limit and of the shape read, secrets scrubbed, safe file names
	'credentials/common/redirect.ts',
	'credentials/common/deadline.ts',
	'credentials/common/answerBody.ts',
	'credentials/common/redact.ts',
	'nodes/CrmLead/transport/answerShape.ts',
	'nodes/CrmLead/transport/errorScrub.ts',
	'nodes/CrmLead/actions/common/fileName.ts',
	'nodes/CrmLead/actions/common/checkKey.ts',
	'nodes/CrmLead/fields/ownKeys.ts',
	// Time values
	'nodes/CrmLead/fields/convert.ts',
	// IDs read one way everywhere (bodies, Get/Update/Delete IDs, bulk keys)
	'nodes/CrmLead/actions/common/leadKey.ts',
	'nodes/CrmLead/actions/common/leadBody.ts',
	'nodes/CrmLead/actions/common/recordCall.ts',
	'nodes/CrmLead/actions/common/parameters.ts',
	'nodes/CrmLead/actions/lead/requests.ts',
	// The trigger: exactly once, oldest first, the walk that restarts, server time
	'nodes/CrmLeadTrigger/CrmLeadTrigger.node.ts',
	'nodes/CrmLeadTrigger/walk.ts',
	'nodes/CrmLeadTrigger/pollState.ts',
	'nodes/CrmLeadTrigger/serverTime.ts',
	// The trigger beyond the anchors: Start From's backlog, Lead Deleted, overlapping polls
	'nodes/CrmLeadTrigger/changeEvents.ts',
	'nodes/CrmLeadTrigger/ascendingWalk.ts',
	'nodes/CrmLeadTrigger/catchUp.ts',
	'nodes/CrmLeadTrigger/triggerSettings.ts',
	'nodes/CrmLeadTrigger/pollGuard.ts',
	'nodes/CrmLeadTrigger/deletions/deletionEvents.ts',
	'nodes/CrmLeadTrigger/deletions/deletionState.ts',
	'nodes/CrmLeadTrigger/deletions/idSetCodec.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	mutate: PROMISE_MODULES,
	testRunner: 'jest',
	jest: { configFile: 'jest.mutation.config.js' },
	// Each mutant runs only the tests that reached it (and only in the test files that import it).
	coverageAnalysis: 'perTest',
	// The exclusions: an error's words, a node's editor description (scripts/mutation/ignorers.mjs).
	appendPlugins: ['./scripts/mutation/ignorers.mjs'],
	ignorers: ['error-wording', 'node-description'],
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	// Two shared cores: two jest workers (the integration tests mostly wait on HTTP), one checker.
	concurrency: 2,
	// A mutant's run may take far longer than the dry run on a shared machine: a survivor must not
	// pass as a "timeout" kill. Deadlocks fail at jest's own test timeout; endless loops hit
	// Stryker's hit limit.
	timeoutFactor: 4,
	timeoutMS: 60000,
	// What the last run found, so the next one tests only mutants in code or tests that changed
	// (reports/ is not committed: a fresh clone's first run tests everything).
	incremental: true,
	incrementalFile: 'reports/mutation/stryker-incremental.json',
	reporters: ['json', 'html', 'progress'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	htmlReporter: { fileName: 'reports/mutation/mutation.html' },
	// Only what the tests load is copied into Stryker's sandbox.
	ignorePatterns: ['dist', 'docs', 'examples', 'bench', 'coverage', 'reports', '.e2e', '.n8n-runtime*', 'test/e2e', 'test/installer', 'test/queue', '*.tgz'],
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
