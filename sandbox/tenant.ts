/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The tenant headers and cloud's tenant rule. In the cloud runtime the UAA filter
 * (SysUAAUtilRuntimeBase.doFilterInternal) builds a user's employee context only when
 * - the API-mode headers srfsystemid + srfdcid + srfdcsystemid + srfuserid are all sent (allowed
 *   for API and super users only; an ordinary user is refused at once), or
 * - srfsystemid and srforgid are both sent and the user belongs to that system and organisation, or
 * - srfsystemid is the portal system (ICloudSaaSUtilRuntime.SYSTEMID_PORTAL), or
 * - the user is an API or super user;
 * a header whose value is the text "undefined" counts as absent. Without that context
 * MethodHandlerBase.doFilter answers 403 with no body. The classic generation has no such rule:
 * its token filter (AuthorizationTokenFilter) takes the organisation from the user record.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KnownUser } from './users';

/** ICloudSaaSUtilRuntime.SYSTEMID_PORTAL. */
export const PORTAL_SYSTEM_ID = 'iBizPortal';

/** The tenant headers as the request log records them (only those sent). */
export interface TenantHeaders {
	srfsystemid?: string;
	srforgid?: string;
}

const API_MODE_HEADERS = ['srfsystemid', 'srfdcid', 'srfdcsystemid', 'srfuserid'] as const;

export function tenantHeadersOf(headers: IncomingHttpHeaders): TenantHeaders {
	const tenant: TenantHeaders = {};
	const systemId = single(headers.srfsystemid);
	const orgId = single(headers.srforgid);
	if (systemId !== undefined) tenant.srfsystemid = systemId;
	if (orgId !== undefined) tenant.srforgid = orgId;
	return tenant;
}

/** Why cloud refuses this user's request (undefined = allowed). */
export function tenantRefusal(user: KnownUser, headers: IncomingHttpHeaders): string | undefined {
	const exempt = user.kind === 'api' || user.kind === 'super';
	const value = (name: string) => meaningful(single(headers[name]));
	if (API_MODE_HEADERS.every((name) => value(name) !== undefined)) {
		return exempt ? undefined : `'${user.username}' is an ordinary user and may not use the API-mode headers (srfdcid, srfdcsystemid, srfuserid)`;
	}
	const systemId = value('srfsystemid');
	const orgId = value('srforgid');
	if (systemId !== undefined && orgId !== undefined) {
		if (user.systemId !== undefined && user.systemId !== systemId) return `'${user.username}' does not belong to system '${systemId}'`;
		if (user.orgId !== undefined && user.orgId !== orgId) return `'${user.username}' does not belong to organisation '${orgId}'`;
		return undefined;
	}
	if (systemId !== undefined && systemId.toLowerCase() === PORTAL_SYSTEM_ID.toLowerCase()) return undefined;
	if (exempt) return undefined;
	return `'${user.username}' is an ordinary user: send both srfsystemid and srforgid headers`;
}

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function meaningful(value: string | undefined): string | undefined {
	return value === undefined || value === '' || value === 'undefined' ? undefined : value;
}
