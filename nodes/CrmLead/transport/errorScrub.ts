/**
 * The last line of defence: every error that leaves a node (thrown, or turned into a Continue On
 * Fail item) is scrubbed of the credential's secrets in every field n8n shows, stores or logs —
 * message, description, messages, the error response (the kept body), the cause, the context
 * (errorFields included) and the stack — and its message and description are bounded. Errors built from a
 * failed call were already scrubbed from their source (apiError.ts); this catches what other
 * paths build from a server's answer (a paging problem naming a record key, an answer that is not
 * JSON, a check_key answer).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialSecrets } from '../../../credentials/common/authHeaders';
import { redactAll, redactValue } from '../../../credentials/common/redact';
import { cutText } from '../../../credentials/common/serverText';
import { connectionSettings, type RequestContext } from './request';

/** Longest message and description an error keeps: an error item stays small whatever a server sent. */
export const MAX_ERROR_MESSAGE = 2000;
export const MAX_ERROR_DESCRIPTION = 4000;

interface ScrubbableError {
	message: string;
	description?: string | null;
	messages?: unknown;
	errorResponse?: unknown;
	context?: Record<string, unknown>;
	cause?: unknown;
}

const bounded = (text: string, secrets: readonly string[], max: number) => {
	const scrubbed = redactAll(text, secrets);
	return scrubbed.length > max ? `${cutText(scrubbed, max)}…` : scrubbed;
};

/** Scrubs (and bounds) the error in place and returns it; anything that is not an Error is returned as it is. */
export function scrubError<T>(error: T, secrets: readonly string[]): T {
	if (!(error instanceof Error)) return error;
	const target = error as unknown as ScrubbableError;
	target.message = bounded(target.message, secrets, MAX_ERROR_MESSAGE);
	if (typeof target.description === 'string') target.description = bounded(target.description, secrets, MAX_ERROR_DESCRIPTION);
	if (Array.isArray(target.messages)) target.messages = redactValue(target.messages, secrets);
	if (target.errorResponse !== undefined) target.errorResponse = redactValue(target.errorResponse, secrets);
	if (target.context && typeof target.context === 'object') {
		for (const [key, value] of Object.entries(target.context)) {
			// The kind is one of our own fixed words, never a server's: a password that happens to be
			// "server" must not turn it into a mark.
			if (key !== 'errorKind') target.context[key] = redactValue(value, secrets);
		}
	}
	// The stack starts with the message as it was when the error was made.
	if (typeof error.stack === 'string') error.stack = redactAll(error.stack, secrets);
	if (target.cause instanceof Error) {
		target.cause.message = bounded(target.cause.message, secrets, MAX_ERROR_MESSAGE);
		if (typeof target.cause.stack === 'string') target.cause.stack = redactAll(target.cause.stack, secrets);
	} else if (target.cause !== undefined) {
		// `cause` is an own, non-enumerable property set by Error's constructor: redefined in place.
		Object.defineProperty(target, 'cause', { value: redactValue(target.cause, secrets), writable: true, configurable: true });
	}
	return error;
}

/**
 * The credential's secrets as they are when asked (a login during the run changes the token), or
 * none when the credential cannot be read (then no request was sent and no server text exists).
 */
export async function liveSecrets(ctx: RequestContext): Promise<() => readonly string[]> {
	let credentials: ICredentialDataDecryptedObject;
	try {
		({ credentials } = await connectionSettings(ctx));
	} catch {
		return () => [];
	}
	return () => credentialSecrets(credentials);
}
