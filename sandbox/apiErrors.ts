/**
 * Errors the sandbox raises, each carrying what BOTH generations of iBiz server would answer:
 * - classic: problem details {type,title,status,detail,message,entityName,errorKey}; `detail` is
 *   the specific English explanation (it names the field or key), `message` a short Chinese summary;
 * - cloud: the runtime's {type, code, message[, details]} envelope (ResponseExceptionHandler.java),
 *   whose `code` is one of net.ibizsys.runtime.util.Errors (see CLOUD_CODES).
 * How an error is written on the wire is errorResponses.ts's job.
 */

export const ENTITY_NAME = 'crm_lead';
/** The entity's logic name (the docs page's title): cloud messages name the entity by it. */
export const ENTITY_LOGIC_NAME = '线索/商机';
export const PROBLEM_BASE = 'https://www.ibizlab.cn/problem';

/** net.ibizsys.runtime.util.Errors (libs/ibiz-runtime/.../runtime/util/Errors.java). */
export const CLOUD_CODES = {
	INTERNALERROR: 1,
	ACCESSDENY: 2,
	INVALIDDATA: 3,
	INVALIDDATAKEYS: 4,
	INPUTERROR: 5,
	DUPLICATEKEY: 6,
} as const;

/** EntityFieldError.ERROR_* (libs/ibiz-runtime/.../runtime/util/EntityFieldError.java). */
export const FIELD_ERROR_TYPES = { EMPTY: 1, DATATYPE: 2, VALUERULE: 3, DUPLICATE: 4 } as const;

/** One entry of an EntityException's `details`, as ResponseExceptionHandler writes it. */
export interface CloudFieldError {
	fieldname: string;
	fieldlogicname: string;
	fielderrortype: number;
	fielderrorinfo: string | null;
}

/** The cloud runtime's error body. */
export interface CloudEnvelope {
	type: string;
	code: number;
	message: string;
	details?: CloudFieldError[];
}

export interface ProblemBody {
	type: string;
	title: string;
	status: number;
	detail: string;
	message: string;
	entityName: string;
	errorKey: string;
}

export interface ApiErrorOptions {
	/** Extra response headers, both generations (Allow, Retry-After). */
	headers?: Record<string, string>;
	/** The cloud body; default {type:'RuntimeException', code:INTERNALERROR, message:detail}. */
	cloud?: CloudEnvelope;
	/**
	 * Raised by the web framework or a gateway before the service runs (unknown path, wrong method,
	 * unreadable body, oversized upload, 429/503): cloud answers these with Spring Boot's own error
	 * JSON and the HTTP status, not with the runtime's envelope.
	 */
	framework?: boolean;
	/** Cloud answers with the status alone (401, and 403 for a missing tenant). */
	cloudEmptyBody?: boolean;
	/** A classic body other than the problem details (the UAA's login errors). */
	classicBody?: Record<string, unknown>;
	/**
	 * ExceptionTranslator.createFailureAlert(entityName, errorKey) → X-ibz-error / X-ibz-params:
	 * default (errorKey, crm_lead); null = no alert headers (errors that bypass it).
	 */
	classicAlert?: { errorKey: string; params: string } | null;
	/** The entity the error is about (classic entityName, alert params); default crm_lead. */
	entityName?: string;
}

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

export function statusTitle(status: number): string {
	return TITLES[status] ?? 'Error';
}

export class ApiError extends Error {
	constructor(
		/** The classic status (cloud decides its own: see errorResponses.ts). */
		readonly status: number,
		readonly errorKey: string,
		readonly detail: string,
		readonly summary: string,
		readonly options: ApiErrorOptions = {},
	) {
		super(detail);
		this.name = 'ApiError';
	}

	get headers(): Record<string, string> {
		return this.options.headers ?? {};
	}

	toProblem(): ProblemBody {
		return {
			type: `${PROBLEM_BASE}/${this.errorKey.replace(/_/g, '-')}`,
			title: statusTitle(this.status),
			status: this.status,
			detail: this.detail,
			message: this.summary,
			entityName: this.options.entityName ?? ENTITY_NAME,
			errorKey: this.errorKey,
		};
	}

	toCloudEnvelope(): CloudEnvelope {
		return this.options.cloud ?? { type: 'RuntimeException', code: CLOUD_CODES.INTERNALERROR, message: this.detail };
	}
}

/** A service-level 400 (cloud: a RuntimeException, HTTP 500). */
export function badRequest(detail: string, errorKey = 'bad_request'): ApiError {
	return new ApiError(400, errorKey, detail, '请求参数错误');
}

/** A request the web framework refuses before the service sees it (unreadable body, bad path…). */
export function malformedRequest(detail: string, errorKey: string): ApiError {
	return new ApiError(400, errorKey, detail, '请求参数错误', { framework: true });
}

/**
 * A record body with bad values. Cloud raises two kinds: a value that cannot be converted to the
 * field's type fails while the DTO is built (EntityDTO.java: DataEntityRuntimeException
 * "转化数据[v]至[type]发生异常，…"), everything else is an EntityException listing field errors.
 */
export function validationFailed(detail: string, cloud: CloudEnvelope, entityName = ENTITY_NAME): ApiError {
	return new ApiError(400, 'validation', detail, '数据校验错误', { cloud, entityName });
}

/** DataEntityRuntime.java / SysDBPersistentAdapter.java: "无法获取指定数据[key]", INVALIDDATA. */
export function notFound(key: string, entityName = ENTITY_NAME): ApiError {
	return new ApiError(404, 'not_found', `No ${entityName} with key '${key}'`, '数据不存在', {
		entityName,
		cloud: { type: 'DataEntityRuntimeException', code: CLOUD_CODES.INVALIDDATA, message: `无法获取指定数据[${key}]` },
	});
}

/** Something other than a lead (an upload, an import job) that does not exist. */
export function resourceNotFound(what: string): ApiError {
	return new ApiError(404, 'not_found', what, '数据不存在', {
		cloud: { type: 'DataEntityRuntimeException', code: CLOUD_CODES.INVALIDDATA, message: what },
	});
}

/** No route: Spring answers before any service runs. */
export function noSuchEndpoint(rawPath: string): ApiError {
	return new ApiError(404, 'not_found', `No endpoint at '${rawPath}'`, '数据不存在', { framework: true });
}

/**
 * Create with a key that exists: the classic sandbox's 409. Cloud checks the key of a create in
 * DataEntityRuntimeBase.checkFieldValueRule (ERROR_DUPLICATE) → EntityException, INPUTERROR.
 */
export function duplicateKey(key: string, keyLabel: string, keyField: string, entityName = ENTITY_NAME): ApiError {
	return new ApiError(409, 'duplicate_key', `A ${entityName} with id '${key}' already exists`, '数据已存在', {
		entityName,
		cloud: {
			type: 'EntityException',
			code: CLOUD_CODES.INPUTERROR,
			message: `${keyLabel}(${key})[值重复错误]`,
			details: [{ fieldname: keyField, fieldlogicname: keyLabel, fielderrortype: FIELD_ERROR_TYPES.DUPLICATE, fielderrorinfo: null }],
		},
	});
}

/**
 * Create (or save, which creates) with a key that was deleted: the duplicate check above only
 * searches live rows, so the INSERT itself hits the logically deleted row's primary key and the
 * database error surfaces as a plain RuntimeException (ResponseExceptionHandler's last branch).
 * The real message is the JDBC driver's; the sandbox words it like MySQL's.
 */
export function deletedKeyReused(key: string): ApiError {
	return new ApiError(409, 'deleted_key', `The crm_lead key '${key}' was deleted and cannot be used again`, '数据已被删除', {
		cloud: { type: 'RuntimeException', code: CLOUD_CODES.INTERNALERROR, message: `Duplicate entry '${key}' for key 'PRIMARY'` },
	});
}

/** Cloud: UAA filter answers 401 with no body (SysUAAUtilRuntimeBase.java). */
export function unauthorized(detail: string): ApiError {
	return new ApiError(401, 'unauthorized', detail, '账号身份已过期，请重新登录。', { cloudEmptyBody: true });
}

/** DEServiceAPIRuntime.java: "<logic name>[key]不具备操作能力[ACTION]", ACCESSDENY (→ HTTP 403). */
export function forbidden(permission: string, key?: string): ApiError {
	const subject = key === undefined ? ENTITY_LOGIC_NAME : `${ENTITY_LOGIC_NAME}[${key}]`;
	return new ApiError(403, 'forbidden', `The token lacks the ${permission} permission this endpoint requires`, '无权限', {
		cloud: { type: 'DEServiceAPIRuntimeException', code: CLOUD_CODES.ACCESSDENY, message: `${subject}不具备操作能力[${permission}]` },
	});
}

/** Cloud's tenant rule (MethodHandlerBase.doFilter): 403, status only. Classic has no such rule. */
export function tenantRequired(detail: string): ApiError {
	return new ApiError(403, 'tenant_required', detail, '无权限', { cloudEmptyBody: true });
}

export function internalError(detail: string): ApiError {
	return new ApiError(500, 'internal_error', detail, '服务器内部错误');
}

/** Shortens a client-supplied value for quoting in an error detail. */
export function quoteValue(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
