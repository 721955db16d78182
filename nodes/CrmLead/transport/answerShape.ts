/**
 * What an operation reads from an answer, declared with each request (CrmRequest.answer) and
 * checked in the transport before any operation sees the answer: a request that reads a lead gets
 * an object, one that reads a list gets an array of objects, Check Key gets one of the states
 * the servers send. Anything else is described in words for a `server` error (errorKinds.ts).
 * Pure.
 */

export type AnswerShape =
	/** One record (a lead, a contact, …): a JSON object. */
	| 'lead'
	/** A list of records: a JSON array of objects (list pages). */
	| 'leads'
	/** Some other JSON object (an import result, a job's status, an upload). */
	| 'object'
	/** A check_key state: 0, 1 or 2 (cloud), or a Boolean (classic's generated check key). */
	| 'keyState'
	/** Any JSON value, an empty body included (Delete: `true`; bulk saves check their own answer). */
	| 'any'
	/** A file: the bytes as they came. */
	| 'file';

const EXPECTED: Record<Exclude<AnswerShape, 'any' | 'file'>, string> = {
	lead: 'a record (a JSON object)',
	leads: 'a list of records (a JSON array of objects)',
	object: 'a JSON object',
	keyState: 'a key state (0, 1 or 2, or true/false)',
};

/** What the operation expected, in words. */
export function expectedAnswer(shape: AnswerShape): string {
	return shape === 'any' || shape === 'file' ? 'an answer' : EXPECTED[shape];
}

const isRecord = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

const KEY_STATES = new Set<unknown>([0, 1, 2, true, false]);

/**
 * How a server's text is quoted in a description: the caller's excerpt, which scrubs the secrets
 * before it cuts (a token echoed in a string answer must not show, not even in part).
 */
export type Quote = (text: string) => string;

/** A JSON value in a few words: `null`, `the number 42`, `the JSON string "ok"`, `an array of 3 values`. */
export function describeValue(value: unknown, quote: Quote): string {
	if (value === null) return 'null';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'string') return value === '' ? 'an empty JSON string' : `the JSON string ${JSON.stringify(quote(value))}`;
	if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} values`;
	return 'an object';
}

/**
 * Whether `value` (an answer parsed once) has the shape: undefined when it has, else what came
 * instead, in words (`quote` for the server's text).
 */
export function shapeProblem(shape: AnswerShape, value: unknown, quote: Quote): string | undefined {
	switch (shape) {
		case 'lead':
		case 'object':
			return isRecord(value) ? undefined : describeValue(value, quote);
		case 'leads': {
			if (!Array.isArray(value)) return describeValue(value, quote);
			const bad = value.findIndex((row) => !isRecord(row));
			return bad < 0 ? undefined : `a list whose row ${bad + 1} of ${value.length} is ${describeValue(value[bad], quote)}`;
		}
		case 'keyState':
			return KEY_STATES.has(value) ? undefined : describeValue(value, quote);
		default:
			return undefined;
	}
}
