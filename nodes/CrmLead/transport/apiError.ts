/**
 * Failed calls → clean NodeApiErrors. What a failure IS (its kind, the English message and the
 * server's words) is decided in errorKinds.ts; this file builds the n8n error from that, scrubs
 * every secret out of it and marks it with its kind, so Continue On Fail output and tool results
 * can read the kind without looking at status codes.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { classifyFailure, markErrorKind, type ClassifiedFailure, type FailureContext } from './errorKinds';
import type { HttpFailure } from '../../../credentials/common/httpFailure';
import { redactAll } from '../../../credentials/common/redact';

export interface ErrorContext extends FailureContext {
	itemIndex?: number;
	/** Texts that must never appear in the error (token, password). */
	secrets?: readonly string[];
}

/** The server's body is kept on the error for the editor's details panel, unless it is huge. */
const MAX_KEPT_BODY = 4000;

function keptBody(body: unknown, secrets: readonly string[]): JsonObject | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const text = redactAll(JSON.stringify(body), secrets);
	return text.length <= MAX_KEPT_BODY ? (JSON.parse(text) as JsonObject) : undefined;
}

/**
 * A clean NodeApiError built from plain data only: the raw error (whose request config holds the
 * Authorization header) is never attached, so the token cannot reach the execution log.
 */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	context: ErrorContext,
	classified: ClassifiedFailure = classifyFailure(failure, context),
): NodeApiError {
	const secrets = context.secrets ?? [];
	const message = redactAll(classified.message, secrets);
	const description = redactAll(classified.description, secrets);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const body = keptBody(failure.body, secrets);
	const error = new NodeApiError(
		node,
		{ message, httpCode: httpCode ?? null, ...(body ? { body } : {}) } as JsonObject,
		{ message, description, httpCode, itemIndex: context.itemIndex },
	);
	return markErrorKind(error, classified.kind, classified.fields);
}
