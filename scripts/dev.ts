/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run dev`: the pinned n8n (scripts/install-n8n.sh) with this package linked in, rebuilt on
 * every change and reloaded without a restart.
 *
 * n8n's CLI does the package side: `n8n-node dev --external-n8n` links this folder into
 * `<user folder>/.n8n/custom/node_modules/` and runs `tsc --watch` (tsconfig.json → dist/). Its
 * default would start `npx n8n@latest`, which does not install here (see install-n8n.sh), so this
 * script starts the pinned n8n instead, with `N8N_DEV_RELOAD=true`: n8n watches the linked package
 * and reloads its nodes and credentials when dist/ changes. Ctrl-C stops both. n8n's data (owner
 * account, workflows, credentials) stays in .e2e/dev/ between runs.
 *
 *   npm run dev                      n8n on http://127.0.0.1:5678
 *   npm run dev -- --port 5679
 */
import path from 'node:path';

import { createN8nUserFolder, ensureN8n, startN8n } from './e2e/n8n';
import { E2E_DIR, ROOT } from './e2e/paths';
import { killChildrenOnSignals, ManagedProcess, node24Env, run } from './e2e/proc';

const DEFAULT_PORT = 5678;

function portArgument(argv: readonly string[]): number {
	const index = argv.indexOf('--port');
	if (index === -1) return DEFAULT_PORT;
	const value = argv[index + 1];
	if (value === undefined || !/^\d+$/.test(value)) throw new Error('--port needs a number');
	return Number(value);
}

async function main(): Promise<void> {
	const port = portArgument(process.argv.slice(2));
	killChildrenOnSignals();
	await ensureN8n();
	// tsc --watch emits only .js: the codex files and icons come from the full build first.
	await run('npm', ['run', 'build'], { cwd: ROOT, env: node24Env() });
	const instance = createN8nUserFolder({ dir: path.join(E2E_DIR, 'dev'), keep: true, env: { N8N_DEV_RELOAD: 'true' } });
	const watcher = new ManagedProcess(
		'n8n-node dev',
		path.join(ROOT, 'node_modules', '.bin', 'n8n-node'),
		['dev', '--external-n8n', '--custom-user-folder', instance.userFolder],
		{ cwd: ROOT, env: node24Env(), echo: true, logFile: path.join(instance.workDir, 'logs', 'n8n-node-dev.log') },
	);
	const server = await startN8n(instance, { port, echo: true });
	console.log(`\nn8n ${server.url} with ${path.basename(ROOT)} linked from ${ROOT}; edits in nodes/ or credentials/ reload it. Ctrl-C stops.`);
	await Promise.race([watcher.exited, server.process.exited]);
	await Promise.all([watcher.stop(5_000), server.stop()]);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
