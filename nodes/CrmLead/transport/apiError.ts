/**
 * Failed calls → clean NodeApiErrors. What a failure IS (its kind, the English message and the
 * server's words) is decided in errorKinds.ts; this file builds the n8n error from that, scrubs
 * every secret out of it and marks it with its kind, so Continue On Fail output and tool results
 * can read the kind without looking at status codes.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { classifyFailure, markErrorKind, type ClassifiedFailure, type FailureContext } from './errorKinds';
import { redactFailure, type HttpFailure } from '../../../credentials/common/httpFailure';
import { redactAll } from '../../../credentials/common/redact';

export interface ErrorContext extends FailureContext {
	itemIndex?: number;
	/** Texts that must never appear in the error (token, password). */
	secrets?: readonly string[];
}

/** The server's body is kept on the error for the editor's details panel, unless it is huge. */
const MAX_KEPT_BODY = 4000;

/** The (already scrubbed) body, when it is a small JSON object or array. */
function keptBody(body: unknown): JsonObject | undefined {
	if (!body || typeof body !== 'object') return undefined;
	return JSON.stringify(body).length <= MAX_KEPT_BODY ? (body as JsonObject) : undefined;
}

/**
 * A clean NodeApiError built from plain data only: the raw error (whose request config holds the
 * Authorization header) is never attached, so the token cannot reach the execution log.
 *
 * The failure is scrubbed of every secret before anything is read from it (redactFailure), so the
 * kind, the message, the refused fields and the kept body all come from scrubbed data; the texts
 * are scrubbed once more at the end, for what the message adds around the server's words.
 */
export function toNodeApiError(
	node: INode,
	rawFailure: HttpFailure,
	context: ErrorContext,
	given?: ClassifiedFailure,
): NodeApiError {
	const secrets = context.secrets ?? [];
	const failure = redactFailure(rawFailure, secrets);
	const classified = given ?? classifyFailure(failure, context);
	const message = redactAll(classified.message, secrets);
	const description = redactAll(classified.description, secrets);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const body = keptBody(failure.body);
	const error = new NodeApiError(
		node,
		{ message, httpCode: httpCode ?? null, ...(body ? { body } : {}) } as JsonObject,
		{ message, description, httpCode, itemIndex: context.itemIndex },
	);
	return markErrorKind(error, classified.kind, classified.fields?.map((field) => redactAll(field, secrets)));
}
