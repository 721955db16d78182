/**
 * What the benchmark asks the sandbox directly (never timed): whether a verification run left
 * the leads as it should, and putting deleted leads back between Delete runs.
 */
import type { SandboxProcess } from '../../scripts/e2e/sandbox';
import { demoLeads, seedLeadId } from '../../sandbox/seed';

export type SandboxClient = Pick<SandboxProcess, 'request'>;

interface ItemsAndOutputs {
	inputs: Array<Record<string, unknown>>;
	outputs: Array<Record<string, unknown>>;
}

/** Which of `count` leads a check looks at: the first, the last and ten in between. */
export function sampleIndices(count: number): number[] {
	const step = Math.max(1, Math.floor(count / 11));
	const indices = new Set<number>([0, count - 1]);
	for (let index = step; index < count - 1; index += step) indices.add(index);
	return [...indices].filter((index) => index >= 0).sort((a, b) => a - b);
}

/** Get: output item i is the lead input item i asked for. */
export function expectOutputIdsMatchInputs({ inputs, outputs }: ItemsAndOutputs): void {
	const wrong = inputs.findIndex((input, index) => outputs[index]?.id !== input.id);
	if (wrong >= 0) {
		throw new Error(`output item ${wrong} is lead ${String(outputs[wrong]?.id)}, expected ${String(inputs[wrong].id)}`);
	}
}

/** Update / Save: the sampled leads now hold the given fields of their input items. */
export async function expectSandboxHolds(
	{ inputs, sandbox }: { inputs: Array<Record<string, unknown>>; sandbox: SandboxClient },
	fields: readonly string[],
): Promise<void> {
	for (const index of sampleIndices(inputs.length)) {
		const input = inputs[index];
		const { status, json } = await sandbox.request<Record<string, unknown>>('GET', `/crm_leads/${String(input.id)}`);
		if (status !== 200) throw new Error(`lead ${String(input.id)} answered ${status} after the run`);
		const differing = fields.filter((field) => json[field] !== input[field]);
		if (differing.length > 0) {
			const detail = differing.map((field) => `${field}=${JSON.stringify(json[field])} (sent ${JSON.stringify(input[field])})`);
			throw new Error(`lead ${String(input.id)} was not changed by the run: ${detail.join(', ')}`);
		}
	}
}

/** Delete: the sampled leads are gone. */
export async function expectNoneExist({ inputs, sandbox }: { inputs: Array<Record<string, unknown>>; sandbox: SandboxClient }) {
	for (const index of sampleIndices(inputs.length)) {
		const { status } = await sandbox.request('GET', `/crm_leads/${String(inputs[index].id)}`);
		if (status !== 404) throw new Error(`lead ${String(inputs[index].id)} still answers ${status} after the Delete run`);
	}
}

/** The sampled leads of the first `count` seeded ones exist. */
export async function expectAllExist(sandbox: SandboxClient, count: number): Promise<void> {
	for (const index of sampleIndices(count)) {
		const { status } = await sandbox.request('GET', `/crm_leads/${seedLeadId(index)}`);
		if (status !== 200) throw new Error(`lead ${seedLeadId(index)} answers ${status}; it should have been re-created`);
	}
}

/** Saves the first `count` seeded leads again (as --seed made them), eight calls at a time. */
export async function recreateSeededLeads(sandbox: SandboxClient, count: number): Promise<void> {
	const leads = demoLeads(count);
	let next = 0;
	const worker = async () => {
		while (next < leads.length) {
			const lead = leads[next++];
			const { status, json } = await sandbox.request('POST', '/crm_leads/save', lead);
			if (status !== 200) throw new Error(`re-creating lead ${String(lead.id)} failed (${status}): ${JSON.stringify(json)}`);
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
}
