import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticationMode, currentToken, tenantHeaders, tokenHeader } from './common/authHeaders';
import { armDeadline } from './common/deadline';
import { DEFAULT_LOGIN_PATH, logIn, loginRequest } from './common/login';
import { accountKey, sharedLogin } from './common/sharedLogin';
import { zoneProblem } from './common/serverTimeZone';

const showForPassword = { show: { authentication: ['password'] } };

/** Redirect answers: the test names them (n8n's own words would be "Received HTTP status code: 302"). */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * A credential saved while Access Token was the default (up to 0.3.x) holds its token and no
 * Authentication value: n8n stores only values that differ from the default. n8n also drops a
 * stored value whose field is hidden by its display options before the credential reaches the
 * node, so the token is kept by a second, hidden field of the same name that is always "shown";
 * authenticationMode() then reads such a credential as Access Token (common/authHeaders.ts).
 */
const savedBeforePasswordDefault = {
	show: { authentication: ['password'], accessToken: [{ _cnd: { exists: true as const } }], username: [''] },
};

/**
 * A CRM Lead (iBiz crm_lead) server: a pasted access token, or user name and password with which
 * n8n logs in and renews the token itself (iBiz tokens expire after 2 hours).
 */
export class CrmLeadApi implements ICredentialType {
	name = 'crmLeadApi';

	displayName = 'CRM Lead API';

	icon: Icon = { light: 'file:../icons/crmLead.svg', dark: 'file:../icons/crmLead.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-crm-lead/n8n-nodes-crm-lead#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://crm.example.com/api',
			description:
				'The address under which the API serves /crm_leads, with or without a trailing slash, e.g. https://crm.example.com/api',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'User Name & Password',
					value: 'password',
					description: 'Recommended: n8n logs in, and logs in again whenever the token has expired',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A token you paste; it stops working when the server expires it (iBiz: after 2 hours)',
				},
			],
			default: 'password',
			description: 'How n8n gets the token it sends with every request',
		},
		{
			displayName:
				'This credential was saved with an Access Token (the default before User Name & Password) and keeps using it. Fill in User Name and Password to switch, or choose Access Token to see the token.',
			name: 'savedModeNotice',
			type: 'notice',
			default: '',
			displayOptions: savedBeforePasswordDefault,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'The token issued by the platform login (sent as Authorization: Bearer …)',
		},
		{
			// The same value as Access Token above, never displayed: keeps the token of a credential saved before User Name & Password became the default.
			displayName: 'Saved Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Login Path',
			name: 'loginPath',
			type: 'string',
			default: DEFAULT_LOGIN_PATH,
			displayOptions: showForPassword,
			description: 'Where the platform login is, below the Base URL (iBiz servers use /v7/login; the cloud runtime also /uaa/login)',
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: showForPassword,
			description: 'The login name (loginname)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: showForPassword,
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			displayOptions: showForPassword,
			description: 'Login domain, where the platform has several (the server then logs in "user|domain"); usually empty',
		},
		{
			displayName: 'Keep Me Logged In',
			name: 'rememberMe',
			type: 'boolean',
			default: false,
			displayOptions: showForPassword,
			description: 'Whether to ask for a long-lived token (rememberme: 30 days on iBiz cloud instead of 2 hours)',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'System ID',
			name: 'systemId',
			type: 'string',
			default: '',
			description:
				'Sent as the srfsystemid header. iBiz cloud servers need it, with Organization ID, for ordinary users (else every call is refused with 403). Ask your administrator, or read it from the platform web app’s requests.',
		},
		{
			displayName: 'Organization ID',
			name: 'orgId',
			type: 'string',
			default: '',
			description: 'Sent as the srforgid header; see System ID',
		},
		{
			displayName: 'Token Header Name',
			name: 'authHeaderName',
			type: 'string',
			default: 'Authorization',
			description: 'The header the server reads the token from (a server setting; Authorization unless changed)',
		},
		{
			displayName: 'Token Prefix',
			name: 'authHeaderPrefix',
			type: 'string',
			default: 'Bearer',
			description: 'Put before the token in that header (a server setting; Bearer unless changed; empty sends the bare token)',
		},
		{
			displayName: 'Server Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'Asia/Shanghai',
			placeholder: 'Asia/Shanghai',
			description:
				'The zone the server writes its yyyy-MM-dd HH:mm:ss timestamps in: an IANA name (Asia/Shanghai, the iBiz default), UTC, or an offset such as GMT+8 or +08:00',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated',
		},
	];

	/**
	 * Logs in (User Name & Password only). n8n calls this when the stored Session Token is empty
	 * or a request answered 401, stores the token encrypted, and repeats the request once.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (authenticationMode(credentials) !== 'password') return {};
		const request = loginRequest(credentials);
		const key = accountKey([request.url, request.body, request.headers]);
		const sessionToken = await sharedLogin(key, async () => await logIn(async (login) => await this.helpers.httpRequest(login), credentials));
		return { sessionToken };
	}

	// A function rather than a generic template so the headers are built exactly once, here,
	// and the token never has to pass through expression resolution or error messages. Every
	// request that carries the credential passes here — the node's, the trigger's and n8n's Test
	// connection — so this is also where no request may follow a redirect (the token and tenant
	// headers stay at the Base URL's address; common/redirect.ts says why) and where a request's
	// deadline is put back after n8n replaced its abort signal (common/deadline.ts).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Here so that testing the credential refuses it too (n8n authenticates the test request).
		const badZone = zoneProblem(credentials.timeZone);
		if (badZone) throw new Error(badZone);
		requestOptions.disableFollowRedirect = true;
		armDeadline(requestOptions);
		const { name, value } = tokenHeader(credentials);
		requestOptions.headers = {
			...requestOptions.headers,
			...tenantHeaders(credentials),
			...(currentToken(credentials) ? { [name]: value } : {}),
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/crm_leads/fetch_default',
			method: 'POST',
			body: { page: 0, size: 1 },
			json: true,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
			// Only the status decides the test and n8n never reads this answer's body, so it is not
			// buffered (a server could send any amount); the server closes the connection after it.
			// n8n gives a credential test 300 s; authenticate() makes that a deadline for the whole exchange.
			encoding: 'stream',
			headers: { Connection: 'close' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The list call was refused with HTTP 401: the Access Token is wrong or expired (with User Name & Password, the login worked but its token was refused: check Token Header Name and Token Prefix)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The list call was refused with HTTP 403: set System ID and Organization ID (iBiz cloud servers refuse ordinary users without them), or give the user READ permission on crm_lead',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'There is no /crm_leads/fetch_default under this Base URL (HTTP 404): the Base URL is the prefix before /crm_leads',
				},
			},
			...REDIRECT_STATUSES.map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The list call was answered with a redirect (HTTP ${value}): the node does not follow redirects, so that the token never leaves the Base URL's address. Set Base URL to the address the API answers at directly (e.g. https:// instead of http://; a redirect to a sign-in page means it is the web app's address, not the API's)`,
				},
			})),
		],
	};
}
