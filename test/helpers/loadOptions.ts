/**
 * An editor-side context (ILoadOptionsFunctions) for the node's list searches and mapper columns,
 * sending its requests to the sandbox over real HTTP with the credential's token.
 */
import axios from 'axios';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { TestCredentials } from '../../scripts/runNode';

export function loadOptionsContext(credentials: TestCredentials, parameters: Record<string, unknown> = {}, fail?: Error): ILoadOptionsFunctions {
	return {
		getNode: () => ({ name: 'CRM Lead' }),
		getCredentials: async () => ({ ...credentials, timeZone: 'Asia/Shanghai' }),
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCurrentNodeParameter: (name: string) => parameters[name],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: Record<string, unknown>) => {
				if (fail) throw fail;
				const response = await axios.request({
					method: options.method as string,
					url: options.url as string,
					data: options.body,
					params: options.qs,
					headers: { ...(options.headers as object), Authorization: `Bearer ${credentials.accessToken}` },
					// Files (and the OpenAPI description) are asked for as bytes, as n8n's helper hands them over.
					responseType: options.encoding === 'arraybuffer' ? 'arraybuffer' : 'json',
					validateStatus: () => true,
				});
				if (response.status >= 400) throw Object.assign(new Error(`HTTP ${response.status}`), { response: { status: response.status, headers: response.headers, data: response.data } });
				const body = options.encoding === 'arraybuffer' ? Buffer.from(response.data as ArrayBuffer) : response.data;
				return { statusCode: response.status, headers: response.headers, body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
