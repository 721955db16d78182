/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Writes an ApiError the way the configured generation of iBiz server would (errors.ts). */
import type { ServerResponse } from 'node:http';
import { ApiError, CLOUD_CODES, ENTITY_NAME, statusTitle } from './apiErrors';
import type { Flavour } from './flavour';
import { sendBytes } from './http';

const CLOUD_JSON = 'application/json;charset=UTF-8';

export function sendError(res: ServerResponse, error: ApiError, flavour: Flavour, rawPath: string): void {
	if (flavour === 'classic') sendClassicError(res, error);
	else sendCloudError(res, error, rawPath);
}

/**
 * Problem details, plus the alert headers ibzuaa-util's ExceptionTranslator.createFailureAlert
 * sets: X-ibz-error = the error key, X-ibz-params = the entity name.
 */
function sendClassicError(res: ServerResponse, error: ApiError): void {
	const alert = error.options.classicAlert === undefined ? { errorKey: error.errorKey, params: error.options.entityName ?? ENTITY_NAME } : error.options.classicAlert;
	const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
	if (alert) Object.assign(headers, { 'X-ibz-error': headerSafe(alert.errorKey), 'X-ibz-params': headerSafe(alert.params) });
	Object.assign(headers, error.headers);
	if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer';
	sendBytes(res, error.status, json(error.options.classicBody ?? error.toProblem()), headers);
}

/**
 * MethodHandlerBase.dealException → ResponseExceptionHandler: the envelope with HTTP 403 when its
 * code is ACCESSDENY, else 500. The UAA filter's 401 and the tenant 403 carry no body at all;
 * framework errors get Spring Boot's default error JSON with their own status.
 */
function sendCloudError(res: ServerResponse, error: ApiError, rawPath: string): void {
	if (error.options.cloudEmptyBody) {
		sendBytes(res, error.status, Buffer.alloc(0), {});
		return;
	}
	if (error.options.framework) {
		const body = { timestamp: new Date().toISOString(), status: error.status, error: statusTitle(error.status), message: error.detail, path: rawPath };
		sendBytes(res, error.status, json(body), { 'Content-Type': CLOUD_JSON, ...error.headers });
		return;
	}
	const envelope = error.toCloudEnvelope();
	const status = envelope.code === CLOUD_CODES.ACCESSDENY ? 403 : 500;
	sendBytes(res, status, json(envelope), { 'Content-Type': CLOUD_JSON, ...error.headers });
}

function json(body: unknown): Buffer {
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Header values must be Latin-1; anything else (a Chinese user name) goes percent-encoded. */
export function headerSafe(value: string): string {
	return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
