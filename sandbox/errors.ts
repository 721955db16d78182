/**
 * Problem-details errors, shaped like the iBiz (JHipster-derived) backend's:
 * {type,title,status,detail,message,entityName,errorKey}. `detail` is always the specific,
 * English explanation (it names the field or key); `message` is the short Chinese summary.
 */

export const ENTITY_NAME = 'crm_lead';
const PROBLEM_BASE = 'https://www.ibizlab.cn/problem';

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

export interface ProblemBody {
	type: string;
	title: string;
	status: number;
	detail: string;
	message: string;
	entityName: string;
	errorKey: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly errorKey: string,
		readonly detail: string,
		readonly summary: string,
		readonly headers: Record<string, string> = {},
	) {
		super(detail);
		this.name = 'ApiError';
	}

	toProblem(): ProblemBody {
		return {
			type: `${PROBLEM_BASE}/${this.errorKey.replace(/_/g, '-')}`,
			title: TITLES[this.status] ?? 'Error',
			status: this.status,
			detail: this.detail,
			message: this.summary,
			entityName: ENTITY_NAME,
			errorKey: this.errorKey,
		};
	}
}

export function badRequest(detail: string, errorKey = 'bad_request'): ApiError {
	return new ApiError(400, errorKey, detail, '请求参数错误');
}

export function validationFailed(detail: string): ApiError {
	return new ApiError(400, 'validation', detail, '数据校验错误');
}

export function notFound(key: string): ApiError {
	return new ApiError(404, 'not_found', `No crm_lead with key '${key}'`, '数据不存在');
}

export function resourceNotFound(what: string): ApiError {
	return new ApiError(404, 'not_found', what, '数据不存在');
}

export function duplicateKey(key: string): ApiError {
	return new ApiError(409, 'duplicate_key', `A crm_lead with id '${key}' already exists`, '数据已存在');
}

export function unauthorized(detail: string): ApiError {
	return new ApiError(401, 'unauthorized', detail, '未授权', { 'WWW-Authenticate': 'Bearer' });
}

export function forbidden(permission: string): ApiError {
	return new ApiError(403, 'forbidden', `The token lacks the ${permission} permission this endpoint requires`, '无权限');
}

export function internalError(detail: string): ApiError {
	return new ApiError(500, 'internal_error', detail, '服务器内部错误');
}

/** Shortens a client-supplied value for quoting in an error detail. */
export function quoteValue(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
