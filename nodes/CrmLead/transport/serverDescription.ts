/**
 * The server's OpenAPI description (GET <Base URL>/v3/api-docs?group=auto), read once per
 * execution or editor call and kept for it. Optional on every server: a gateway may not route it
 * and administrators may switch it off, so any answer that is not a description — 401, 404, an
 * HTML page, text that is not JSON, JSON that is not an OpenAPI 3 description, more than
 * MAX_DESCRIPTION_BYTES, no answer within DESCRIPTION_TIMEOUT_MS — is `missing`, with the reason;
 * the generic resource then works by name. It goes through the one HTTP door (crmRequest) like
 * every call, to a path below the Base URL: the credential travels to the Base URL's origin only.
 */
import { DescriptionProblem, readServerDescription, type ServerDescription } from '../entities/openApi';
import { parseJson } from '../fields/convert';
import { crmRequest, DEFAULT_POLICY, type RequestContext } from './request';

export const DESCRIPTION_PATH = ['v3', 'api-docs'] as const;
export const MAX_DESCRIPTION_BYTES = 8 * 1024 * 1024;
export const DESCRIPTION_TIMEOUT_MS = 15_000;

export type DescriptionResult = { described: ServerDescription } | { missing: string };

const cache = new WeakMap<object, Promise<DescriptionResult>>();

async function fetchDescription(ctx: RequestContext, itemIndex?: number): Promise<DescriptionResult> {
	let bytes: Buffer;
	try {
		const { body } = await crmRequest<Buffer>(ctx, {
			method: 'GET',
			path: DESCRIPTION_PATH,
			qs: { group: 'auto' },
			// Read as bytes within its own limit, parsed below (an HTML page is "no description", not an error).
			answer: 'file',
			operation: 'Read the server’s OpenAPI description',
			itemIndex,
			policy: { ...DEFAULT_POLICY, timeoutMs: DESCRIPTION_TIMEOUT_MS, maxAnswerBytes: MAX_DESCRIPTION_BYTES },
		});
		bytes = body;
	} catch (error) {
		// The transport stops reading at the limit; Max Answer Size does not apply to this call, so its advice is left out.
		if (/larger than/.test((error as Error).message)) return { missing: `its OpenAPI description is more than the ${MAX_DESCRIPTION_BYTES} bytes read` };
		return { missing: `GET /v3/api-docs?group=auto failed: ${(error as Error).message}` };
	}
	const parsed = parseJson(bytes.toString('utf8'));
	if (!parsed.ok) return { missing: 'GET /v3/api-docs?group=auto answered something that is not JSON (an HTML page?)' };
	try {
		return { described: readServerDescription(parsed.value) };
	} catch (error) {
		// A DescriptionProblem says what is wrong; anything else the reader trips on is just as unreadable.
		const reason = error instanceof DescriptionProblem ? error.message : `reading it failed (${(error as Error).message})`;
		return { missing: `its OpenAPI description cannot be read: ${reason}` };
	}
}

/** The description for this execution or editor call (one request, however many items ask). */
export async function serverDescription(ctx: RequestContext, itemIndex?: number): Promise<DescriptionResult> {
	let pending = cache.get(ctx);
	if (!pending) {
		pending = fetchDescription(ctx, itemIndex);
		cache.set(ctx, pending);
	}
	return await pending;
}
