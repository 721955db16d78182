/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run dev`: the pinned n8n (scripts/install-n8n.sh) with this package's dist/ loaded,
 * rebuilt on every change and reloaded without a restart.
 *
 * What `n8n-node dev --external-n8n` (n8n's CLI) does, minus one step: `tsc --watch` on
 * tsconfig.json → dist/, and n8n started with `N8N_DEV_RELOAD=true`, which watches the node folder
 * and reloads the nodes and credentials when a compiled file changes. n8n-node dev would link the
 * whole repository into `<user folder>/.n8n/custom/node_modules/`, and n8n then globs every
 * `*.node.js` under it — here that includes `.n8n-runtime/` (n8n's own 500 nodes) and the user
 * folder itself; so this script links only dist/ there. Its default
 * would also start `npx n8n@latest`, which does not install here (see install-n8n.sh).
 * The node types are `CUSTOM.crmLead`, `CUSTOM.crmLeadTrigger`. Ctrl-C stops both. n8n's data
 * (owner account, workflows, credentials) stays in .e2e/dev/ between runs.
 *
 *   npm run dev                      n8n on http://127.0.0.1:5678
 *   npm run dev -- --port 5679
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

import { createN8nUserFolder, ensureN8n, startN8n } from './e2e/n8n';
import { E2E_DIR, PACKAGE_NAME, ROOT } from './e2e/paths';
import { killChildrenOnSignals, ManagedProcess, node24Env, run } from './e2e/proc';

const DEFAULT_PORT = 5678;

function portArgument(argv: readonly string[]): number {
	const index = argv.indexOf('--port');
	if (index === -1) return DEFAULT_PORT;
	const value = argv[index + 1];
	if (value === undefined || !/^\d+$/.test(value)) throw new Error('--port needs a number');
	return Number(value);
}

/** n8n loads every *.node.js under <.n8n>/custom and, with N8N_DEV_RELOAD, watches the real folders linked into custom/node_modules. */
function linkDistIntoCustomFolder(n8nFolder: string): void {
	const link = path.join(n8nFolder, 'custom', 'node_modules', PACKAGE_NAME);
	mkdirSync(path.dirname(link), { recursive: true });
	rmSync(link, { recursive: true, force: true });
	symlinkSync(path.join(ROOT, 'dist'), link, 'dir');
}

async function main(): Promise<void> {
	const port = portArgument(process.argv.slice(2));
	killChildrenOnSignals();
	await ensureN8n();
	// tsc --watch emits only .js: the codex files and icons come from the full build first.
	await run('npm', ['run', 'build'], { cwd: ROOT, env: node24Env() });
	const instance = createN8nUserFolder({ dir: path.join(E2E_DIR, 'dev'), keep: true, env: { N8N_DEV_RELOAD: 'true' } });
	linkDistIntoCustomFolder(instance.n8nFolder);
	const watcher = new ManagedProcess(
		'tsc --watch',
		path.join(ROOT, 'node_modules', '.bin', 'tsc'),
		['--watch', '--preserveWatchOutput', '-p', 'tsconfig.json'],
		{ cwd: ROOT, env: node24Env(), echo: true, logFile: path.join(instance.workDir, 'logs', 'tsc-watch.log') },
	);
	const server = await startN8n(instance, { port, echo: true });
	console.log(`\nn8n ${server.url} with the node from ${path.join(ROOT, 'dist')}; edits in nodes/ or credentials/ reload it. Ctrl-C stops.`);
	await Promise.race([watcher.exited, server.process.exited]);
	await Promise.all([watcher.stop(5_000), server.stop()]);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
