/**
 * The test side of the scripted model: what n8n sent to it. The server runs in jest's global
 * setup (another module registry than the test files), so tests read its log over HTTP.
 */
import type { OfferedTool } from './openAi';
import type { RecordedRequest } from './server';

export class ScriptedModelClient {
	constructor(readonly url: string) {}

	/** How many requests the model has received so far: pass it as `since` to see only later ones. */
	async mark(): Promise<number> {
		return (await this.log({})).total;
	}

	/** The chat completion requests a script answered (or refused), oldest first. */
	async requests(filter: { script?: string; since?: number }): Promise<RecordedRequest[]> {
		return (await this.log(filter)).requests;
	}

	private async log(filter: { script?: string; since?: number }): Promise<{ total: number; requests: RecordedRequest[] }> {
		const query = new URLSearchParams();
		if (filter.script) query.set('script', filter.script);
		if (filter.since !== undefined) query.set('since', String(filter.since));
		const response = await fetch(`${this.url}/__requests?${query.toString()}`, { signal: AbortSignal.timeout(10_000) });
		if (!response.ok) throw new Error(`scripted model log → ${response.status}`);
		return (await response.json()) as { total: number; requests: RecordedRequest[] };
	}
}

/** The tools n8n offered in a request, by name. */
export function offeredTools(request: RecordedRequest): Map<string, OfferedTool['function']> {
	return new Map((request.body?.tools ?? []).map((tool) => [tool.function.name, tool.function]));
}
