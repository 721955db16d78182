/** What `npm pack --json` says about one package. */
export interface PackEntry {
	filename: string;
	files: Array<{ path: string }>;
}

/** Reads `npm pack --json` output: npm 11 prints an array of entries, npm 12 an object keyed by package name. */
export function readPackJson(stdout: string): PackEntry {
	const parsed = JSON.parse(stdout.slice(stdout.search(/[[{]/))) as PackEntry[] | Record<string, PackEntry>;
	return Array.isArray(parsed) ? parsed[0] : Object.values(parsed)[0];
}
