/**
 * The one place that decides what a failure IS, for both generations of iBiz server
 * (docs/api/IBIZ-FLAVOURS.md): the cloud runtime answers nearly everything with HTTP 500 and
 * tells cases apart by `type`/`code`/`message`/`details`; classic servers use the HTTP status
 * (and `X-ibz-error`). Both end up as one kind from a small fixed set, an English message naming
 * the lead and the cause, and a description that keeps the server's own words and status.
 *
 * Pure: from an HttpFailure and what the caller knows (operation, lead key, credential mode).
 * Runs only when a request failed, never on the hot path.
 */
import { inMegabytes } from '../../../credentials/common/answerBody';
import type { AnswerProblem, AuthContext, HttpFailure, LoginCause } from '../../../credentials/common/httpFailure';
import { redirectMessage } from '../../../credentials/common/redirect';
import {
	classicFieldProblems,
	cloudFieldProblems,
	conversionProblem,
	deniedAction,
	describeFieldProblem,
	englishRenderings,
	FIELD_ERROR_TYPES,
	fieldProblemsInLines,
	fieldsNamedIn,
	hasPhrase,
	keyInMessage,
	type FieldProblem,
} from './ibizPhrases';
import { boundedText, isHtml, serverMessage } from '../../../credentials/common/serverText';

export const ERROR_KINDS = [
	'notFound',
	'alreadyExists',
	'invalidValue',
	'permission',
	'tenant',
	'authentication',
	'busy',
	'connection',
	'invalidRequest',
	'server',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What the caller knows about the failed call. */
export interface FailureContext {
	/** Human name of the call: "Get lead". */
	operation: string;
	/** The key of the lead (or other record) the call is about, when there is one. */
	recordKey?: string;
	/** What the key names, for the message: "Lead" (default), "Import job". */
	subject?: string;
	auth?: AuthContext;
	timeoutMs?: number;
	/** The call may change data on the server: an unusable answer then says it may have been carried out. */
	writes?: boolean;
	/** Where the call went, and the Base URL it was built from: a redirect's message suggests a Base URL. */
	url?: string;
	baseUrl?: string;
}

export interface ClassifiedFailure {
	kind: ErrorKind;
	/** Plain English first: names the record and the cause. */
	message: string;
	/** The call, the HTTP status and the server's own words (with an English rendering when known). */
	description: string;
	/** The fields the server refused (invalidValue). */
	fields?: string[];
}

/** The cloud runtime's error body (ResponseExceptionHandler): `{type, code, message[, details]}`. */
interface CloudEnvelope {
	type: string;
	code: number;
	message?: unknown;
}

function cloudEnvelope(body: unknown): CloudEnvelope | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { type, code } = body as Record<string, unknown>;
	return typeof type === 'string' && typeof code === 'number' && !('status' in body) ? (body as CloudEnvelope) : undefined;
}

/** Spring Boot's own error JSON: raised before any service ran (no route, wrong method, unreadable body). */
function isFrameworkError(body: unknown): boolean {
	return !!body && typeof body === 'object' && 'timestamp' in body && 'path' in body && 'status' in body;
}

const BUSY_STATUSES = new Set([429, 502, 503, 504]);

// net.ibizsys.runtime.util.Errors
const CLOUD = { ACCESSDENY: 2, INVALIDDATA: 3, INVALIDDATAKEYS: 4, INPUTERROR: 5, DUPLICATEKEY: 6 } as const;

function isEmptyBody(body: unknown): boolean {
	return body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
}

/** Only this much of a server's message is parsed: the phrases sit at its start, and a hostile text must not cost time. */
const PARSE_LIMIT = 2000;

/** The raw `message` of an error body (line breaks kept: the cloud writes one field error per line), bounded. */
function rawMessage(body: unknown): string | undefined {
	const message = (body as { message?: unknown } | null | undefined)?.message;
	return typeof message === 'string' ? message.slice(0, PARSE_LIMIT) : undefined;
}

function cloudKind(envelope: CloudEnvelope, body: unknown, context: FailureContext): ErrorKind | undefined {
	const text = rawMessage(envelope);
	switch (envelope.code) {
		case CLOUD.ACCESSDENY:
			return 'permission';
		case CLOUD.INVALIDDATA:
		case CLOUD.INVALIDDATAKEYS:
			return context.recordKey !== undefined || hasPhrase(text, 'notFound') ? 'notFound' : 'invalidRequest';
		case CLOUD.DUPLICATEKEY:
			return 'alreadyExists';
		case CLOUD.INPUTERROR: {
			const duplicate = cloudFieldProblems(body).some((p) => p.errorType === FIELD_ERROR_TYPES.DUPLICATE);
			return duplicate || hasPhrase(text, 'duplicate') ? 'alreadyExists' : 'invalidValue';
		}
		default:
			return phraseKind(text);
	}
}

/** A kind from the message alone (the cloud's INTERNALERROR carries many causes). */
function phraseKind(text: string | undefined): ErrorKind | undefined {
	if (hasPhrase(text, 'conversion')) return 'invalidValue';
	if (hasPhrase(text, 'notFound')) return 'notFound';
	if (hasPhrase(text, 'duplicate')) return 'alreadyExists';
	if (hasPhrase(text, 'permission')) return 'permission';
	if (hasPhrase(text, 'login') || hasPhrase(text, 'expired')) return 'authentication';
	if (hasPhrase(text, 'badQuery')) return 'invalidRequest';
	return undefined;
}

function statusKind(failure: HttpFailure, words: string | undefined, context: FailureContext): ErrorKind {
	const status = failure.status ?? 0;
	if (status === 403) return isEmptyBody(failure.body) ? 'tenant' : 'permission';
	if (status === 404) return context.recordKey !== undefined && !isFrameworkError(failure.body) ? 'notFound' : 'invalidRequest';
	if (status === 409) return 'alreadyExists';
	if (BUSY_STATUSES.has(status)) return 'busy';
	if (status === 400 || status === 422) {
		if (hasPhrase(words, 'login') || failure.headers['x-ibz-params'] === 'IBZUSER') return 'authentication';
		return fieldProblemsOf(failure, words).length > 0 ? 'invalidValue' : 'invalidRequest';
	}
	if (status >= 400 && status < 500) return 'invalidRequest';
	return phraseKind(words) ?? 'server';
}

function kindOfAnswer(failure: HttpFailure, words: string | undefined, context: FailureContext): ErrorKind {
	if (failure.status === 401) return 'authentication';
	const envelope = cloudEnvelope(failure.body);
	return (envelope && cloudKind(envelope, failure.body, context)) ?? statusKind(failure, words, context);
}

/** Every field the answer names as refused, with what it says about each. */
function fieldProblemsOf(failure: HttpFailure, words: string | undefined): FieldProblem[] {
	const text = rawMessage(failure.body) ?? words?.slice(0, PARSE_LIMIT);
	if (text !== undefined && hasPhrase(text, 'conversion')) return [conversionProblem(text)];
	const structured = cloudFieldProblems(failure.body);
	if (structured.length) return structured;
	const fromLines = fieldProblemsInLines(text);
	if (fromLines.length) return fromLines;
	const classic = classicFieldProblems(failure.body);
	if (classic.length) return classic;
	return fieldsNamedIn(words?.slice(0, PARSE_LIMIT));
}

const key = (text: string) => `'${boundedText(text, 100)}'`;

/** Refused fields named one by one in the message; the rest are counted (all of them are in `fields`). */
const MAX_FIELDS_SHOWN = 5;
/** Longest description of one refused field in the message. */
const MAX_FIELD_TEXT = 150;

function subjectOf(context: FailureContext): { name: string; lower: string } {
	const name = context.subject ?? 'Lead';
	return { name, lower: name.charAt(0).toLowerCase() + name.slice(1) };
}

function unauthorizedMessage(auth: AuthContext | undefined): string {
	return auth?.mode === 'password'
		? 'Authorization failed even after logging in again: check the user, Token Header Name and Token Prefix in the CRM Lead credential'
		: 'Authorization failed: the Access Token in the CRM Lead credential is wrong or expired (iBiz tokens expire after 2 hours; User Name & Password lets n8n renew it)';
}

function tenantMessage(auth: AuthContext | undefined): string {
	return auth?.tenant
		? 'Forbidden: System ID / Organization ID do not match the user, or the user lacks the permission this operation needs'
		: 'Forbidden without a reason: set System ID and Organization ID in the CRM Lead credential (iBiz cloud servers refuse ordinary users without them), or grant the permission this operation needs';
}

const BUSY_MESSAGES: Record<number, string> = {
	429: 'The server is rate limiting (too many requests)',
	502: 'Bad gateway: the server could not be reached through its proxy',
	503: 'The service is unavailable',
	504: 'Gateway timeout: the server did not answer in time',
};

function networkMessage(failure: HttpFailure, timeoutMs?: number): { kind: ErrorKind; message: string } {
	if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT' || /timeout/i.test(failure.networkMessage ?? '')) {
		return {
			kind: 'busy',
			message: `The server did not answer within ${timeoutMs ? `${timeoutMs} ms` : 'the timeout'} (raise Options → Timeout if it is just slow)`,
		};
	}
	if (failure.code === 'ECONNREFUSED') return { kind: 'connection', message: 'Connection refused: check the Base URL in the credential' };
	if (failure.code === 'ENOTFOUND') return { kind: 'connection', message: 'Host not found: check the Base URL in the credential' };
	return { kind: 'connection', message: boundedText(failure.networkMessage ?? 'The request failed before the server answered', 300) };
}

/** The headline for an answer of a known kind. */
function headline(kind: ErrorKind, failure: HttpFailure, words: string | undefined, fields: FieldProblem[], context: FailureContext): string {
	const status = failure.status ?? 0;
	const subject = subjectOf(context);
	const recordKey = context.recordKey ?? keyInMessage(words);
	const about = recordKey ? `${subject.name} ${key(recordKey)}` : undefined;
	switch (kind) {
		case 'notFound':
			return about ? `${about} was not found` : `The ${subject.lower} was not found`;
		case 'alreadyExists':
			if (/Duplicate entry/i.test(words ?? '')) {
				return `The ID ${recordKey ? `${key(recordKey)} ` : ''}is taken: a ${subject.lower} with it exists or was deleted (iBiz cloud never reuses a deleted lead's ID); use a new ID`;
			}
			return recordKey ? `A ${subject.lower} with ID ${key(recordKey)} already exists` : `A ${subject.lower} with this ID already exists`;
		case 'invalidValue': {
			// Each bounded, so the count of the rest always fits in the message.
			const described = fields.slice(0, MAX_FIELDS_SHOWN).map((problem) => boundedText(describeFieldProblem(problem), MAX_FIELD_TEXT));
			if (fields.length > MAX_FIELDS_SHOWN) described.push(`and ${fields.length - MAX_FIELDS_SHOWN} more fields`);
			const what = described.length ? described.join('; ') : `Invalid value: ${words ?? 'the server did not say which'}`;
			return about ? `${about}: ${what}` : what;
		}
		case 'permission': {
			const action = deniedAction(words);
			return action
				? `Permission denied: the user may not ${action} ${about ?? `this ${subject.lower}`}`
				: 'Permission denied: the user lacks the permission this operation needs';
		}
		case 'tenant':
			return tenantMessage(context.auth);
		case 'authentication':
			if (status === 401) return unauthorizedMessage(context.auth);
			return `The server refused the login${words ? `: ${englishRenderings(words)[0] ?? words}` : ''}`;
		case 'busy':
			return `${BUSY_MESSAGES[status] ?? `The server is busy (HTTP ${status})`}: try again later, or raise Options → Retries When Busy`;
		case 'invalidRequest':
			if (status === 404) return 'The server has no endpoint for this call: check the Base URL in the credential (and that the server offers this operation)';
			if (status === 405) return 'The server does not allow this call (method not allowed)';
			return `The server refused the request as invalid${words ? `: ${boundedText(words, 300)}` : ''}`;
		default:
			if (isHtml(failure.body)) return 'The server had an internal error (it sent an HTML error page)';
			return status === 500 || !status
				? `The server had an internal error${words ? `: ${boundedText(words, 300)}` : ''}`
				: `The server failed with HTTP ${status}${words ? `: ${boundedText(words, 300)}` : ''}`;
	}
}

/** "<op> failed with HTTP <status>: <server's words> (<English of known phrases>)". */
function describe(failure: HttpFailure, words: string | undefined, context: FailureContext): string {
	const status = failure.status;
	const english = words ? englishRenderings(words) : [];
	const said = words
		? `: ${words}${english.length ? ` (${english.join('; ')})` : ''}`
		: isHtml(failure.body)
			? ': an HTML page instead of JSON'
			: isEmptyBody(failure.body)
				? ' and an empty body'
				: '';
	return `${context.operation} failed with HTTP ${status}${said}`;
}

const LOGIN_KINDS: Record<LoginCause, ErrorKind> = { refused: 'authentication', endpoint: 'authentication', busy: 'busy', connection: 'connection' };

/** A call that was never sent because logging in failed: the kind follows why (a busy login is not a wrong password). */
function loginFailureOf(message: string, cause: LoginCause = 'refused', context: FailureContext): ClassifiedFailure {
	const description =
		cause === 'refused'
			? `${context.operation} failed: the login was refused (check User Name, Password and Domain in the CRM Lead credential)`
			: `${context.operation} was not sent: logging in did not succeed`;
	return { kind: LOGIN_KINDS[cause], message: boundedText(message, 500), description };
}

/**
 * The token a login had just issued was refused (401) by the next call: the server does not read
 * it where it is sent. Logging in again would only repeat that, so the execution stops logging in.
 */
export function freshTokenRefused(context: FailureContext): ClassifiedFailure {
	const message =
		'The server refused the token it had just issued at login (HTTP 401): it does not read the token where it is sent. Check Token Header Name and Token Prefix in the CRM Lead credential; no further logins are tried in this execution';
	return { kind: 'authentication', message, description: `${context.operation} failed with HTTP 401 right after a successful login` };
}

const CUT_OFF = 'The answer was cut off before it was complete (the connection closed early)';

const MAY_HAVE_APPLIED = 'the call may already have been carried out on the server: check there before running it again';

/** An answer with a fine status that could not be used: what was wrong, and for writes that the call may have been carried out. */
function answerFailureOf(problem: AnswerProblem, status: number | undefined, context: FailureContext): ClassifiedFailure {
	let kind: ErrorKind = 'server';
	let message: string;
	let detail: string;
	switch (problem.problem) {
		case 'tooLarge':
			message = `The server's answer is larger than ${inMegabytes(problem.limit)}, the limit for this call: it was stopped there, without reading the rest (raise Options → Max Answer Size if it really is that large)`;
			detail = `an answer past the ${inMegabytes(problem.limit)} limit`;
			break;
		case 'cutOff':
			message = CUT_OFF;
			detail = message;
			break;
		case 'timedOut':
			kind = 'busy';
			message = `The server did not send its whole answer within ${context.timeoutMs ? `${context.timeoutMs} ms` : 'the timeout'} (raise Options → Timeout if it is just slow)`;
			detail = 'the answer did not arrive in full in time';
			break;
		case 'notJson':
			message = 'The server sent a response that is not valid JSON';
			detail = `expected JSON, got ${problem.html ? 'an HTML page (is the Base URL the API\'s address, not the web app\'s?)' : JSON.stringify(problem.excerpt)}`;
			break;
		case 'shape':
			message = `The server answered HTTP ${status} with ${problem.came} where ${problem.expected} was expected`;
			detail = `${problem.came} instead of ${problem.expected}`;
			break;
	}
	if (context.writes) message = `${message}; ${MAY_HAVE_APPLIED}`;
	return { kind, message: boundedText(message), description: `${context.operation} failed with HTTP ${status}: ${boundedText(detail, 300)}` };
}

/** A redirect (3xx): never followed; the message names where it pointed and the Base URL to set. */
function redirectFailureOf(failure: HttpFailure, context: FailureContext): ClassifiedFailure {
	const status = failure.status ?? 0;
	const message =
		context.url && context.baseUrl
			? redirectMessage(status, failure.headers.location, context.url, context.baseUrl)
			: `The server answered HTTP ${status}, a redirect: the node does not follow redirects; set Base URL to the address the API answers at directly`;
	return { kind: 'connection', message: boundedText(message), description: `${context.operation} failed with HTTP ${status}: a redirect, not followed` };
}

/** Kind, message and description for any failed call. */
export function classifyFailure(failure: HttpFailure, context: FailureContext): ClassifiedFailure {
	if (failure.loginMessage) return loginFailureOf(failure.loginMessage, failure.loginCause, context);
	if (failure.answer) return answerFailureOf(failure.answer, failure.status, context);
	if (!failure.status) {
		const { kind, message } = networkMessage(failure, context.timeoutMs);
		return { kind, message, description: `${context.operation} failed: ${message}` };
	}
	if (failure.status >= 300 && failure.status < 400) return redirectFailureOf(failure, context);
	if (failure.status < 400) {
		return { kind: 'server', message: CUT_OFF, description: `${context.operation} failed with HTTP ${failure.status}: ${CUT_OFF}` };
	}
	const words = serverMessage(failure.body, failure.headers);
	const kind = kindOfAnswer(failure, words, context);
	const problems = kind === 'invalidValue' ? fieldProblemsOf(failure, words) : [];
	const fields = [...new Set(problems.map((p) => p.field).filter(Boolean))];
	return {
		kind,
		message: boundedText(headline(kind, failure, words, problems, context)),
		description: describe(failure, words, context),
		...(fields.length ? { fields } : {}),
	};
}

/** Where a thrown n8n error carries its kind (and refused fields): its `context`, which n8n keeps in the run data. */
interface WithContext {
	context: Record<string, unknown>;
}

/**
 * `errorFields` lists at most this many fields (a lead has fewer than 100; the message counts them
 * all), each name cut at MAX_ERROR_FIELD_NAME characters: an error item stays small whatever the
 * server sends.
 */
export const MAX_ERROR_FIELDS = 100;
export const MAX_ERROR_FIELD_NAME = 100;

export function markErrorKind<T extends WithContext>(error: T, kind: ErrorKind, fields?: readonly string[]): T {
	error.context.errorKind = kind;
	if (fields?.length) error.context.errorFields = fields.slice(0, MAX_ERROR_FIELDS).map((field) => boundedText(field, MAX_ERROR_FIELD_NAME));
	return error;
}

function isErrorKind(value: unknown): value is ErrorKind {
	return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

/** The kind a thrown error was marked with, if any. */
export function errorKindOf(error: unknown): ErrorKind | undefined {
	const kind = (error as Partial<WithContext> | undefined)?.context?.errorKind;
	return isErrorKind(kind) ? kind : undefined;
}

export function errorFieldsOf(error: unknown): string[] | undefined {
	const fields = (error as Partial<WithContext> | undefined)?.context?.errorFields;
	return Array.isArray(fields) && fields.every((f) => typeof f === 'string') ? (fields as string[]) : undefined;
}
