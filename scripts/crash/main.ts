/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run test:crash -- [--durable on|off] [--queue] [--kills N] [--seed N] …`: the CRM Lead
 * Trigger in a real n8n 2.41.1 whose main process is SIGKILLed again and again while leads keep
 * coming; prints how many leads reached the workflow, were lost or came twice, and writes the
 * report to <dir>/report.json. See CONTRIBUTING ("The crash test") and docs/durable-cursors.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { E2E_DIR } from '../e2e/paths';
import { killChildrenOnSignals } from '../e2e/proc';
import { crashRun, type CrashReport } from './run';

const USAGE = `Usage: npm run test:crash -- [options]

  --durable on|off   n8n's durable poll cursors and the scheduler flags they need (default on)
  --queue            queue mode: PostgreSQL 17 + Redis + main + workers (default: regular, SQLite)
  --workers N        queue mode: workers (default 1)
  --kills N          how many times n8n main is SIGKILLed and started again (default 20)
  --seed N           draws the kill moments, delays, downtimes and lead spacing (default 1)
  --lead-every MS    mean time between two created leads (default 800)
  --dir DIR          work folder; its n8n and database folders are wiped first (default .e2e/crash-<mode>)
  --n8n-log-level L  N8N_LOG_LEVEL of every n8n process (default info; debug logs every poll and hand-off)
  --echo             mirror n8n's output

Exit code 1 when durable cursors are on and a lead was lost or came twice, or when a lead came
out that the run did not create.`;

function parseOptions(argv: string[]) {
	const { values } = parseArgs({
		args: argv,
		options: {
			durable: { type: 'string', default: 'on' },
			queue: { type: 'boolean', default: false },
			workers: { type: 'string', default: '1' },
			kills: { type: 'string', default: '20' },
			seed: { type: 'string', default: '1' },
			'lead-every': { type: 'string', default: '800' },
			dir: { type: 'string' },
			'n8n-log-level': { type: 'string', default: 'info' },
			echo: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	if (values.durable !== 'on' && values.durable !== 'off') throw new Error(`--durable takes on or off (got ${values.durable})`);
	const count = (name: string, text: string, min: number) => {
		if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`--${name} needs a whole number of at least ${min} (got ${text})`);
		return Number(text);
	};
	const cursors = values.durable === 'on' ? ('durable' as const) : ('static-data' as const);
	const mode = `${values.queue ? 'queue' : 'regular'}-${cursors}`;
	return {
		cursors,
		queue: values.queue,
		workers: count('workers', values.workers, 1),
		kills: count('kills', values.kills, 0),
		seed: count('seed', values.seed, 0),
		leadEveryMs: count('lead-every', values['lead-every'], 50),
		dir: path.resolve(values.dir ?? path.join(E2E_DIR, `crash-${mode}`)),
		n8nLogLevel: values['n8n-log-level'],
		echo: values.echo,
	};
}

function summary(report: CrashReport): string {
	const { tally } = report;
	const moments = Object.entries(report.killsByMoment)
		.map(([moment, count]) => `${moment} ${count}`)
		.join(', ');
	return [
		`crash test: ${report.queue ? `queue mode (${report.workers} worker(s), PostgreSQL)` : 'regular mode (SQLite)'}, cursors ${report.cursors}, seed ${report.seed}`,
		`  ${report.minutes} min, ${report.pollAnswers} poll answers, ${report.kills.length} kills (${moments}; ${report.kills.filter((kill) => kill.momentMissed).length} moments missed, ${report.kills.reduce((sum, kill) => sum + kill.failedStarts.length, 0)} failed starts)`,
		`  leads created ${tally.leadsCreated}, reached the workflow ${tally.leadsReached}, LOST ${tally.lost.length}, REPEATED ${tally.repeated.length}, unexpected ${tally.unexpected.length}`,
		`  executions with leads by status: ${JSON.stringify(tally.executionsByStatus)}; leads only in unfinished executions ${tally.leadsOnlyInUnfinishedExecutions}`,
		`  downstream (the recording node): ${tally.downstream.recorded} leads recorded, ${tally.downstream.repeated} recorded twice or more`,
		...(report.lostLeads.length ? [`  lost: ${report.lostLeads.map((lead) => `${lead.id} (created at ${(lead.createdAtMs / 1000).toFixed(1)} s)`).join(', ')}`] : []),
		...(tally.repeated.length ? [`  repeated: ${tally.repeated.map((entry) => `${entry.leadId} in executions ${entry.executionIds.join('+')}`).join(', ')}`] : []),
	].join('\n');
}

async function main(): Promise<number> {
	killChildrenOnSignals();
	const options = parseOptions(process.argv.slice(2));
	mkdirSync(options.dir, { recursive: true });
	const report = await crashRun({ ...options, log: (message) => process.stderr.write(`[crash] ${message}\n`) });
	const file = path.join(options.dir, 'report.json');
	writeFileSync(file, JSON.stringify(report, null, 2));
	console.log(summary(report));
	console.log(`  report: ${path.relative(process.cwd(), file)}`);
	const broken = report.tally.unexpected.length > 0 || (report.cursors === 'durable' && (report.tally.lost.length > 0 || report.tally.repeated.length > 0));
	return broken ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
