/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Brings the queue-mode cluster up by hand and keeps it running until Ctrl-C:
 *
 *   npx tsx scripts/queue/up.ts [--workers N] [--concurrency N] [--seed N] [--dir .e2e/queue-up]
 *
 * Prints the editor URL, the owner login, the webhook URLs, every process's log file and the
 * environment main and workers share — the same setup `npm run test:queue` tests.
 */
import path from 'node:path';

import { killChildrenOnSignals } from '../e2e/proc';
import { ROOT } from '../e2e/paths';
import { startQueueCluster } from './cluster';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
	killChildrenOnSignals();
	const cluster = await startQueueCluster({
		dir: path.resolve(ROOT, option('dir', '.e2e/queue-up')),
		workers: Number(option('workers', '2')),
		workerConcurrency: process.argv.includes('--concurrency') ? Number(option('concurrency', '10')) : undefined,
		sandboxSeed: Number(option('seed', '50')),
	});
	const webhooks = cluster.workflows.flatMap((workflow) =>
		workflow.json.nodes
			.filter((node) => node.type === 'n8n-nodes-base.webhook')
			.map((node) => `${cluster.webhookUrl(String(node.parameters?.path))}  (${workflow.name})`),
	);
	const shared = Object.entries(cluster.sharedEnv)
		.filter(([key]) => /^(DB_|EXECUTIONS_MODE|QUEUE_|N8N_DEFAULT_BINARY|OFFLOAD|N8N_EXECUTIONS_QUEUE)/.test(key))
		.map(([key, value]) => `  ${key}=${value}`);
	process.stdout.write(
		[
			'',
			`n8n main (editor):  ${cluster.main.url}   login ${cluster.owner.email} / ${cluster.owner.password}`,
			`sandbox API:        ${cluster.sandbox.url}   token ${cluster.sandbox.token}`,
			`PostgreSQL ${cluster.postgres.version}:    127.0.0.1:${cluster.postgres.port} (user ${cluster.postgres.user}, database ${cluster.postgres.database})`,
			`Redis ${cluster.redis.version}:        127.0.0.1:${cluster.redis.port}`,
			'webhooks:',
			...webhooks.map((line) => `  ${line}`),
			'logs:',
			`  main      ${path.relative(ROOT, cluster.main.logFile)}`,
			...cluster.workers.map((worker) => `  ${worker.name.padEnd(9)} ${path.relative(ROOT, worker.logFile)}`),
			'shared environment of main and workers:',
			...shared,
			'',
			'Ctrl-C stops everything.',
			'',
		].join('\n'),
	);
	const stop = async () => {
		await cluster.stop();
		process.exit(0);
	};
	process.removeAllListeners('SIGINT');
	process.removeAllListeners('SIGTERM');
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
});
