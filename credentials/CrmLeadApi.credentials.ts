import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Bearer-token credentials for a CRM Lead (iBiz crm_lead) server. */
export class CrmLeadApi implements ICredentialType {
	name = 'crmLeadApi';

	displayName = 'CRM Lead API';

	icon: Icon = { light: 'file:crmLead.svg', dark: 'file:crmLead.dark.svg' };

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
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The bearer token issued by the platform login (sent as Authorization: Bearer …)',
		},
		{
			displayName: 'Server Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'Asia/Shanghai',
			placeholder: 'Asia/Shanghai',
			description:
				'IANA time zone the server writes its yyyy-MM-dd HH:mm:ss timestamps in (iBiz servers default to GMT+8)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated',
		},
	];

	// A function rather than a generic template so the header is built exactly once, here,
	// and the token never has to pass through expression resolution or error messages.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.accessToken ?? '').trim();
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${token}` };
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
		},
	};
}
