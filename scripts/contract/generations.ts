/**
 * Recognises which generation of iBiz server answered (docs/api/IBIZ-FLAVOURS.md):
 * - classic: problem details {type, title, status, detail?, message} with real 4xx statuses;
 * - cloud: the runtime's {type, code, message[, details]} envelope, HTTP 500 (403 for code 2),
 *   and 401 / tenant 403 with an empty body.
 * A check that expects "404" or "409" also accepts the cloud envelope with the matching code.
 */
import { isObject, type Json } from './expect';
import type { ApiResponse } from './http';

export type Generation = 'cloud' | 'classic';

/** net.ibizsys.runtime.util.Errors, as the cloud envelope's `code`. */
export const CLOUD_CODES = {
	INTERNALERROR: 1,
	ACCESSDENY: 2,
	INVALIDDATA: 3,
	INPUTERROR: 5,
	DUPLICATEKEY: 6,
	DUPLICATEDATA: 7,
} as const;

/** EntityFieldError.ERROR_DUPLICATE, in an EntityException's details. */
const FIELD_ERROR_DUPLICATE = 4;

export interface CloudError {
	type: string;
	code: number;
	message: string;
	/** The field names its `details` list. */
	fields: string[];
	/** Whether a `details` entry reports a duplicate value. */
	duplicate: boolean;
}

/** The cloud envelope, when the body is one. */
export function cloudError(res: ApiResponse): CloudError | undefined {
	const body = res.json;
	if (!isObject(body) || typeof body.type !== 'string' || typeof body.code !== 'number' || typeof body.message !== 'string') return undefined;
	if (body.status !== undefined || body.title !== undefined) return undefined; // a problem document
	const details = Array.isArray(body.details) ? body.details.filter(isObject) : [];
	return {
		type: body.type,
		code: body.code,
		message: body.message,
		fields: details.map((d: Json) => d.fieldname).filter((f): f is string => typeof f === 'string'),
		duplicate: details.some((d: Json) => d.fielderrortype === FIELD_ERROR_DUPLICATE),
	};
}

/**
 * Which generation's error shape an error answer has (undefined = neither). Classic: a problem
 * document (a `type` or `title`, and `status` = the HTTP status); its fields vary by exception
 * (BadRequestAlertException has no `detail`, for one).
 */
export function errorGeneration(res: ApiResponse): Generation | undefined {
	if (cloudError(res)) return 'cloud';
	const body = res.json;
	const problem = isObject(body) && (typeof body.type === 'string' || typeof body.title === 'string') && Number(body.status) === res.status;
	return problem ? 'classic' : undefined;
}

/** "No such record": 404, or cloud's INVALIDDATA ("无法获取指定数据[key]"). */
export function isNotFound(res: ApiResponse): boolean {
	return res.status === 404 || cloudError(res)?.code === CLOUD_CODES.INVALIDDATA;
}

/** "That key exists": 409, or cloud's duplicate-value field error / DUPLICATEKEY / DUPLICATEDATA. */
export function isDuplicate(res: ApiResponse): boolean {
	if (res.status === 409) return true;
	const error = cloudError(res);
	if (!error) return false;
	return error.duplicate || error.code === CLOUD_CODES.DUPLICATEKEY || error.code === CLOUD_CODES.DUPLICATEDATA || /duplicate/i.test(error.message);
}

/** "The request body is invalid": 400, or a cloud envelope (HTTP 500) for bad input. */
export function isInvalidInput(res: ApiResponse): boolean {
	if (res.status === 400) return true;
	const error = cloudError(res);
	return error !== undefined && res.status === 500 && (error.code === CLOUD_CODES.INPUTERROR || error.code === CLOUD_CODES.INTERNALERROR);
}

/** How the info line names what a generation answered, e.g. `cloud: HTTP 500 code 3 "无法获取指定数据[x]"`. */
export function describeGeneration(res: ApiResponse): string {
	const cloud = cloudError(res);
	if (cloud) return `cloud: HTTP ${res.status} ${cloud.type} code ${cloud.code} ${JSON.stringify(cloud.message)}`;
	if (res.status === 401 && res.body.length === 0) return 'cloud: HTTP 401 with an empty body';
	// detail, else title: a BadRequestAlertException's `message` is an i18n key ("error.<key>").
	const message = isObject(res.json) ? (res.json.detail ?? res.json.title ?? res.json.message) : undefined;
	return `classic: HTTP ${res.status}${typeof message === 'string' ? ` ${JSON.stringify(message)}` : ''}`;
}
