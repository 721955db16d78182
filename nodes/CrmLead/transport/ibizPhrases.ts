/**
 * What the iBiz runtimes write into their error messages, read back in English: the fixed
 * phrases of `EntityFieldError`, `EntityDTO`, `DataEntityRuntime`, `DEServiceAPIRuntime` and the
 * UAAs (docs/api/IBIZ-FLAVOURS.md), and the field errors of an EntityException. A message that
 * matches none of them is shown as it is.
 */
import { LEAD_FIELDS, LEAD_FIELDS_BY_NAME } from '../fields/leadFields';
import { boundedText } from '../../../credentials/common/serverText';

/** Known phrases and their English rendering (appended to the server's words, never replacing them). */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
	[/数据输入为空错误/, 'a required value is empty'],
	[/值重复错误/, 'the value already exists'],
	[/值规则错误/, 'a value breaks its rule'],
	[/数据类型不正确错误/, 'a value has the wrong type'],
	[/转化数据\[.*?\]至\[.*?\]发生异常/s, 'a value could not be converted to its type'],
	[/无法获取指定数据/, 'the record was not found'],
	[/不具备操作能力/, 'the user lacks the permission'],
	[/用户名或密码错误|用户名密码错误/, 'wrong user name or password'],
	[/账号身份已过期/, 'the login has expired: log in again'],
	[/登陆请求参数异常/, 'the login request was malformed'],
	[/建立实体过滤器对象发生异常/, 'the list query could not be read'],
	[/Duplicate entry/i, 'the key is already used (iBiz cloud keeps the keys of deleted leads)'],
];

/** The English renderings of every known phrase in a server text (empty when none is known). */
export function englishRenderings(text: string): string[] {
	return PHRASES.filter(([pattern]) => pattern.test(text)).map(([, english]) => english);
}

/** The phrases that decide a kind (errorKinds.ts). */
const PHRASE_TESTS = {
	notFound: /无法获取指定数据/,
	duplicate: /值重复错误|Duplicate entry/i,
	conversion: /转化数据\[.*?\]至\[.*?\]发生异常/s,
	permission: /不具备操作能力/,
	login: /用户名或密码错误|用户名密码错误/,
	expired: /账号身份已过期/,
	badQuery: /建立实体过滤器对象发生异常|登陆请求参数异常/,
} as const;

export function hasPhrase(text: string | undefined, phrase: keyof typeof PHRASE_TESTS): boolean {
	return text ? PHRASE_TESTS[phrase].test(text) : false;
}

/** The key in "无法获取指定数据[<key>]", "<label>(<key>)[值重复错误]" or "Duplicate entry '<key>'". */
export function keyInMessage(text: string | undefined): string | undefined {
	if (!text) return undefined;
	const match =
		/无法获取指定数据\[(.*?)\]/s.exec(text) ?? /\((.*?)\)\[值重复错误\]/s.exec(text) ?? /Duplicate entry '(.*?)'/s.exec(text);
	return match?.[1];
}

/** The action in "…不具备操作能力[DELETE]". */
export function deniedAction(text: string | undefined): string | undefined {
	return text ? /不具备操作能力\[(\w+)\]/.exec(text)?.[1] : undefined;
}

/** One field that the server refused, as far as its answer says. */
export interface FieldProblem {
	field: string;
	/** The platform's (Chinese) label, when the server names it. */
	label?: string;
	/** EntityFieldError type: 1 empty, 2 wrong type, 3 value rule, 4 duplicate. */
	errorType?: number;
	value?: string;
	info?: string;
}

export const FIELD_ERROR_TYPES = { EMPTY: 1, DATATYPE: 2, VALUERULE: 3, DUPLICATE: 4 } as const;

const FIELD_BY_LABEL = new Map(LEAD_FIELDS.map((field) => [field.label, field.name]));

/** The cloud EntityException's `details`, with each value read from its message line "<label>(<value>)[…]". */
export function cloudFieldProblems(body: unknown): FieldProblem[] {
	const { details, message } = (body ?? {}) as { details?: unknown; message?: unknown };
	if (!Array.isArray(details)) return [];
	const lines = typeof message === 'string' ? message.split(/\r?\n/) : [];
	return details
		.filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof (d as Record<string, unknown>).fieldname === 'string')
		.map((detail) => {
			const label = typeof detail.fieldlogicname === 'string' ? detail.fieldlogicname : undefined;
			const line = label ? lines.find((l) => l.startsWith(`${label}(`) || l.startsWith(`${label}[`)) : undefined;
			const value = line && label ? /^\((.*?)\)\[/s.exec(line.slice(label.length))?.[1] : undefined;
			return {
				field: String(detail.fieldname),
				label,
				errorType: typeof detail.fielderrortype === 'number' ? detail.fielderrortype : undefined,
				value,
				info: typeof detail.fielderrorinfo === 'string' && detail.fielderrorinfo ? detail.fielderrorinfo : undefined,
			};
		});
}

/** EntityException lines without `details`: "<label>[数据输入为空错误]", "<label>(<value>)[值规则错误], <info>". */
export function fieldProblemsInLines(text: string | undefined): FieldProblem[] {
	if (!text) return [];
	const problems: FieldProblem[] = [];
	for (const line of text.split(/\r?\n/)) {
		const match = /^(.+?)(?:\((.*)\))?\[(数据输入为空错误|数据类型不正确错误|值规则错误)\](?:,\s*(.*))?$/s.exec(line.trim());
		if (!match) continue;
		const [, label, value, phrase, info] = match;
		const errorType = { 数据输入为空错误: 1, 数据类型不正确错误: 2, 值规则错误: 3 }[phrase];
		problems.push({ field: FIELD_BY_LABEL.get(label) ?? label, label, errorType, value, info: info || undefined });
	}
	return problems;
}

/** Classic constraint violations: `fieldErrors: [{field, message}]`. */
export function classicFieldProblems(body: unknown): FieldProblem[] {
	const fieldErrors = (body as { fieldErrors?: unknown } | undefined)?.fieldErrors;
	if (!Array.isArray(fieldErrors)) return [];
	return fieldErrors
		.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && typeof (e as Record<string, unknown>).field === 'string')
		.map((e) => ({ field: String(e.field), info: typeof e.message === 'string' ? e.message : undefined }));
}

/** Fields an English error text names as `field '<name>' <reason>` (classic details, the sandbox's causes). */
export function fieldsNamedIn(text: string | undefined): FieldProblem[] {
	if (!text) return [];
	const problems = new Map<string, FieldProblem>();
	for (const match of text.matchAll(/field '([^']{1,80})'\s*([^;]*)/g)) {
		if (!problems.has(match[1])) problems.set(match[1], { field: match[1], info: match[2].trim() || undefined });
	}
	return [...problems.values()];
}

const TYPE_NAMES: Record<string, string> = {
	整数型: 'a whole number',
	数值型: 'a number',
	日期时间型: 'a date and time (yyyy-MM-dd HH:mm:ss)',
	字符型: 'text',
};

/** "转化数据[<value>]至[<type>]发生异常，<cause>": the value, its target type in English and the field when the cause names it. */
export function conversionProblem(text: string): FieldProblem & { typeName: string } {
	const match = /转化数据\[(.*?)\]至\[(.*?)\]发生异常[，,]?\s*(.*)$/s.exec(text);
	const field = fieldsNamedIn(match?.[3])[0]?.field;
	const typeName = TYPE_NAMES[match?.[2] ?? ''] ?? match?.[2] ?? 'its type';
	return {
		field: field ?? '',
		label: field ? LEAD_FIELDS_BY_NAME.get(field)?.label : undefined,
		errorType: FIELD_ERROR_TYPES.DATATYPE,
		value: match?.[1],
		info: `expected ${typeName}`,
		typeName,
	};
}

const quoteKey = (text: string) => boundedText(text, 100);

function fieldName(problem: FieldProblem): string {
	const label = problem.label ?? LEAD_FIELDS_BY_NAME.get(problem.field)?.label;
	const field = boundedText(problem.field, 100);
	return label && label !== problem.field ? `Field "${field}" (${boundedText(label, 100)})` : `Field "${field}"`;
}

/** One refused field in English: `Field "priority" (优先级): value 7 is not in its list (0, 1, 2, 3)`. */
export function describeFieldProblem(problem: FieldProblem): string {
	const name = problem.field ? fieldName(problem) : 'A field';
	const value = problem.value === undefined ? 'its value' : `value ${quoteKey(problem.value)}`;
	const info = problem.info ? ` (${boundedText(problem.info, 200)})` : '';
	switch (problem.errorType) {
		case FIELD_ERROR_TYPES.EMPTY:
			return `${name} is required`;
		case FIELD_ERROR_TYPES.DATATYPE:
			return `${name}: ${value} has the wrong type${info}`;
		case FIELD_ERROR_TYPES.DUPLICATE:
			return `${name}: ${value} already exists`;
		case FIELD_ERROR_TYPES.VALUERULE: {
			const options = LEAD_FIELDS_BY_NAME.get(problem.field)?.options?.map((o) => o.value);
			if (options && problem.value !== undefined && !options.includes(problem.value)) {
				return `${name}: ${value} is not in its list (${options.join(', ')})`;
			}
			return `${name}: ${value} breaks its rule${info}`;
		}
		default:
			return `${name}: ${problem.info ? boundedText(problem.info, 200) : 'invalid value'}`;
	}
}
