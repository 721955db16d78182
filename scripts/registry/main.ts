/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run registry`: a local npm registry (Verdaccio) holding this package as a release would
 * publish it, plus release 0.1.0 built from the git history, for trying n8n's
 * Settings → Community Nodes → Install (and Update) offline. Prints what to give n8n; Ctrl-C
 * stops it. `--port N` (default 4873, 0 = any free port), `--no-old` skips 0.1.0, `--check` publishes and exits.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { E2E_DIR, PACKAGE_NAME } from '../e2e/paths';
import { killChildrenOnSignals } from '../e2e/proc';
import { publishFromGit, publishWorkingTree, registryVersions, RELEASE_0_1_COMMIT } from './publish';
import { startRegistry } from './verdaccio';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '4873' },
			'no-old': { type: 'boolean', default: false },
			check: { type: 'boolean', default: false },
		},
	});
	killChildrenOnSignals();
	const registry = await startRegistry({ dir: path.join(E2E_DIR, 'registry'), port: Number(values.port) || undefined }); // 0: a free port
	try {
		if (!values['no-old']) await publishFromGit(registry, RELEASE_0_1_COMMIT);
		await publishWorkingTree(registry);
		const versions = await registryVersions(registry, PACKAGE_NAME);
		process.stdout.write(
			[
				`Local registry ${registry.url} holds ${PACKAGE_NAME} ${versions.join(', ')} (storage ${registry.storage}).`,
				'Start n8n with:',
				`  N8N_COMMUNITY_PACKAGES_REGISTRY=${registry.url.replace(/\/$/, '')} npm_config_registry=${registry.url}`,
				'(a registry other than registry.npmjs.org needs an n8n licence with feat:communityNodes:customRegistry; see README, Installation)',
				'',
			].join('\n'),
		);
		if (values.check) return;
		process.stdout.write('Ctrl-C stops it.\n');
		await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
	} finally {
		await registry.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
