/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run demo`: a real n8n with this node, next to the sandbox API full of demo leads.
 *
 * Installs n8n if missing (scripts/install-n8n.sh, about 6 minutes the first time), builds and
 * packs the package and installs it into a fresh user folder (.e2e/demo/) the way the
 * Community Nodes UI does, starts the sandbox (50 demo leads) and n8n on 127.0.0.1, imports the
 * credential and the example workflows, creates the owner account, and prints where to log in.
 * Ctrl-C stops n8n and the sandbox.
 *
 *   npm run demo                      interactive: runs until Ctrl-C
 *   npm run demo -- --check           start, verify (login + one workflow run), stop; exit 0/1
 *   npm run demo -- --port 5678 --sandbox-port 5680 --seed 50 --verbose
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { E2E_DIR, E2E_WORKFLOWS_DIR, EXAMPLES_DIR, N8N_VERSION, ROOT } from './e2e/paths';
import { isPortInUse } from './e2e/proc';
import { N8nRestClient } from './e2e/rest';
import { summarize } from './e2e/runData';
import { startStack, type Stack } from './e2e/stack';
import { crmLeadNodes, LOGIN_CREDENTIAL, SANDBOX_CREDENTIAL, SANDBOX_LOGIN } from './e2e/workflows';
import { CHAT_TRIGGER_TYPE, chatMessage } from './e2e/triggerEvents';
import { startDemoChatModel, usesChatModel, type DemoChatModel } from './demoChatModel';

interface DemoOptions {
	check: boolean;
	port: number;
	sandboxPort: number;
	seed: number;
	verbose: boolean;
}

const USAGE = `Usage: npm run demo -- [options]
  --check              start everything, verify it (login + one workflow run), stop; exit 0 or 1
  --port N             n8n port (default 5678)
  --sandbox-port N     sandbox API port (default 5680)
  --seed N             demo leads in the sandbox (default 50)
  --verbose            show n8n's and the sandbox's output`;

const DEMO_TOKEN = 'crm-lead-demo-token';

function parseArgs(argv: readonly string[]): DemoOptions {
	const options: DemoOptions = { check: false, port: 5678, sandboxPort: 5680, seed: 50, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const number = (): number => {
			const value = argv[++i];
			if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a number`);
			return Number(value);
		};
		switch (flag) {
			case '--check': options.check = true; break;
			case '--port': options.port = number(); break;
			case '--sandbox-port': options.sandboxPort = number(); break;
			case '--seed': options.seed = number(); break;
			case '--verbose': options.verbose = true; break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option '${flag}'\n${USAGE}`);
		}
	}
	return options;
}

const say = (message: string) => process.stdout.write(`${message}\n`);
const note = (message: string) => process.stderr.write(`[demo] ${message}\n`);

function workflowDirs(): string[] {
	const hasExamples = existsSync(EXAMPLES_DIR) && readdirSync(EXAMPLES_DIR).some((file) => file.endsWith('.json'));
	return [hasExamples ? EXAMPLES_DIR : E2E_WORKFLOWS_DIR];
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	for (const [what, port] of [
		['n8n', options.port],
		['sandbox', options.sandboxPort],
	] as const) {
		if (await isPortInUse(port)) {
			note(`port ${port} (${what}) is already in use: stop what runs there, or pass --${what === 'n8n' ? 'port' : 'sandbox-port'} N`);
			return 1;
		}
	}

	note(`starting n8n ${N8N_VERSION} with n8n-nodes-crm-lead and the CRM Lead sandbox…`);
	let stack: Stack | undefined;
	let chatModel: DemoChatModel | undefined;
	let stopping: Promise<void> | undefined;
	const stop = async () => {
		stopping ??= (async () => {
			if (stack) {
				note('stopping n8n and the sandbox…');
				await stack.stop();
				note('stopped');
			}
			await chatModel?.server.stop();
		})();
		await stopping;
	};

	// Ctrl-C while starting or running: stop both process groups, then leave.
	// A terminal's Ctrl-C reaches this process twice (directly, and relayed by tsx): only a
	// second Ctrl-C a while after the first forces the exit.
	let firstSignalAt = 0;
	const onSignal = (signal: NodeJS.Signals) => {
		if (firstSignalAt > 0) {
			if (Date.now() - firstSignalAt < 2_000) return;
			note('second interrupt: killing everything now');
			process.exit(130); // the exit hook SIGKILLs the process groups
		}
		firstSignalAt = Date.now();
		note(`${signal} received`);
		void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		const model = await startDemoChatModel(note);
		chatModel = model;
		stack = await startStack({
			dir: path.join(E2E_DIR, 'demo'),
			n8nPort: options.port,
			sandboxPort: options.sandboxPort,
			sandboxToken: DEMO_TOKEN,
			sandboxSeed: options.seed,
			workflowDirs: workflowDirs(),
			extraCredentials: () => [model.credential],
			echo: options.verbose,
			log: note,
		});
	} catch (error) {
		note(`could not start: ${error instanceof Error ? error.message : String(error)}`);
		await stop();
		return 1;
	}

	printBanner(stack, options, chatModel);

	if (options.check) {
		const ok = await check(stack);
		await stop();
		return ok ? 0 : 1;
	}

	// Interactive: run until Ctrl-C, or until n8n or the sandbox dies.
	const running = stack;
	const ended = await Promise.race([
		running.n8n.process.exited.then(() => 'n8n'),
		running.sandbox.process.exited.then(() => 'the sandbox'),
	]);
	if (stopping) {
		await stopping;
		return 0;
	}
	note(`${ended} stopped unexpectedly:\n${ended === 'n8n' ? running.n8n.process.tail(40) : running.sandbox.process.tail(40)}`);
	await stop();
	return 1;
}

function printBanner(stack: Stack, options: DemoOptions, chatModel: DemoChatModel): void {
	const url = stack.n8nUrl.replace('127.0.0.1', 'localhost');
	const rel = (file: string) => path.relative(ROOT, file);
	say('');
	say('──────────────────────────────────────────────────────────────');
	say(` n8n ${N8N_VERSION} with the CRM Lead node is running`);
	say('');
	say(` Editor:    ${url}/`);
	say(` Login:     ${stack.owner.email}`);
	say(` Password:  ${stack.owner.password}`);
	say('');
	say(` Sandbox API (${options.seed} demo leads): ${stack.sandbox.url}`);
	say(`   token:   ${stack.sandbox.token}`);
	say(`   n8n credential "${SANDBOX_CREDENTIAL.name}" already points there`);
	say(`   user:    ${SANDBOX_LOGIN.username} / ${SANDBOX_LOGIN.password} (System ID ${SANDBOX_LOGIN.systemId}, Organization ID ${SANDBOX_LOGIN.orgId})`);
	say(`   n8n credential "${LOGIN_CREDENTIAL.name}" logs in with it`);
	say('');
	say(' Workflows:');
	for (const workflow of stack.workflows) say(`   ${workflow.name}\n     ${url}/workflow/${workflow.id}`);
	say('');
	if (stack.workflows.some((workflow) => usesChatModel(workflow.json))) {
		for (const line of chatModel.banner()) say(line);
		say('');
	}
	say(` Logs: ${rel(stack.n8n.logFile)}, ${rel(path.join(stack.instance.workDir, 'logs', 'sandbox.log'))}`);
	say(` Data is reset by the next start (${rel(stack.instance.workDir)}).`);
	if (!options.check) say(' Press Ctrl-C to stop n8n and the sandbox.');
	say('──────────────────────────────────────────────────────────────');
	say('');
}

/** Readiness, the printed login, and one workflow run through the REST API. */
async function check(stack: Stack): Promise<boolean> {
	const failures: string[] = [];
	const readiness = await fetch(`${stack.n8nUrl}/healthz/readiness`).catch(() => undefined);
	if (readiness?.status !== 200) failures.push(`readiness answered ${readiness?.status ?? 'nothing'}`);

	let client: N8nRestClient | undefined;
	try {
		client = await N8nRestClient.login(stack.n8nUrl, stack.owner);
	} catch (error) {
		failures.push(`login with the printed account failed: ${String(error)}`);
	}

	const candidate = stack.workflows.find((workflow) => {
		const nodes = crmLeadNodes(workflow.json);
		return (
			nodes.length > 0 &&
			nodes.every((node) => (node.credentials?.crmLeadApi?.id ?? SANDBOX_CREDENTIAL.id) === SANDBOX_CREDENTIAL.id)
		);
	});
	if (!candidate) failures.push('no imported workflow uses the CRM Lead node with the sandbox credential');
	if (client && candidate) await checkRun(client, candidate, {}, failures);

	// The AI example, as its Chat button runs it, against the scripted stand-in model.
	const agentExample = stack.workflows.find((workflow) => usesChatModel(workflow.json));
	const chatTrigger = agentExample?.json.nodes.find((node) => node.type === CHAT_TRIGGER_TYPE);
	if (client && agentExample && chatTrigger) {
		const triggerItems = chatMessage('Demo check: Initech wants a quote', 'demo-check');
		await checkRun(client, agentExample, { triggerName: chatTrigger.name, triggerItems }, failures);
	}

	if (failures.length > 0) {
		note(`CHECK FAILED:\n  ${failures.join('\n  ')}`);
		return false;
	}
	note('CHECK OK: n8n is ready, the login works, and the CRM Lead workflows (and the AI example) ran successfully against the sandbox');
	return true;
}

async function checkRun(
	client: N8nRestClient,
	workflow: Stack['workflows'][number],
	options: Parameters<N8nRestClient['runWorkflow']>[1],
	failures: string[],
): Promise<void> {
	try {
		const result = await client.runWorkflow(workflow.id, options);
		note(`check run of "${workflow.name}" (${result.durationMs ?? '?'} ms):\n${summarize(result)}`);
		if (result.status !== 'success') failures.push(`workflow "${workflow.name}" ended with ${result.status}`);
	} catch (error) {
		failures.push(`running "${workflow.name}" failed: ${String(error)}`);
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		note(error instanceof Error ? (error.stack ?? error.message) : String(error));
		process.exit(1);
	},
);
