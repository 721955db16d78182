import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * What the CRM Lead credential puts on every request: the token (under the header name and
 * prefix the server is configured with, `Authorization: Bearer` by default) and the iBiz tenant
 * headers. Shared by the credential's authenticate() and its login.
 */

export type AuthenticationMode = 'accessToken' | 'password';

/**
 * User Name & Password is the default. A credential saved while Access Token was the default
 * (up to 0.3.x) has no Authentication value stored, so n8n now fills in User Name & Password:
 * a token without a user name is such a credential, and keeps its Access Token.
 */
export function authenticationMode(credentials: ICredentialDataDecryptedObject): AuthenticationMode {
	if (credentials.authentication === 'accessToken') return 'accessToken';
	const username = String(credentials.username ?? '').trim();
	const token = String(credentials.accessToken ?? '').trim();
	return token && !username ? 'accessToken' : 'password';
}

/** The token to send: the pasted Access Token, or the one the last login returned. */
export function currentToken(credentials: ICredentialDataDecryptedObject): string {
	const token = authenticationMode(credentials) === 'password' ? credentials.sessionToken : credentials.accessToken;
	return String(token ?? '').trim();
}

/** `srfsystemid` / `srforgid`: the iBiz cloud runtime builds an ordinary user's context only from both. */
export function tenantHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	const headers: IDataObject = {};
	const systemId = String(credentials.systemId ?? '').trim();
	const orgId = String(credentials.orgId ?? '').trim();
	if (systemId) headers.srfsystemid = systemId;
	if (orgId) headers.srforgid = orgId;
	return headers;
}

export function hasTenant(credentials: ICredentialDataDecryptedObject): boolean {
	return Object.keys(tenantHeaders(credentials)).length === 2;
}

export function tokenHeader(credentials: ICredentialDataDecryptedObject): { name: string; value: string } {
	const name = String(credentials.authHeaderName ?? '').trim() || 'Authorization';
	const prefix = String(credentials.authHeaderPrefix ?? 'Bearer').trim();
	const token = currentToken(credentials);
	return { name, value: prefix ? `${prefix} ${token}` : token };
}

/**
 * Every secret of the credential, so error texts can be scrubbed of them: the token, the token the
 * last login issued and the password, each as typed and trimmed. Short ones are kept too: how a
 * secret of a few characters is scrubbed is redact.ts's rule.
 */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets = new Set<string>();
	for (const value of [credentials.accessToken, credentials.sessionToken, credentials.password]) {
		const text = String(value ?? '');
		// A value of spaces only is no secret to look for: scrubbing spaces would garble every text.
		if (text.trim()) secrets.add(text).add(text.trim());
	}
	return [...secrets];
}
