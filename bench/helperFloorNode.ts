/**
 * The benchmark's baseline inside n8n: a node that does nothing but call n8n's own
 * httpRequestWithAuthentication for each item (same URLs, same concurrency). Any n8n node pays
 * this; the difference between it and the CRM Lead node is what the CRM Lead node itself costs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export class HelperFloorNode implements INodeType {
	description = {
		displayName: 'HTTP floor',
		name: 'helperFloor',
		group: ['transform'],
		version: 1,
		description: 'benchmark baseline',
		defaults: { name: 'HTTP floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'crmLeadApi', required: true }],
		properties: [{ displayName: 'Request', name: 'request', type: 'json', default: '{}' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { baseUrl } = (await this.getCredentials('crmLeadApi')) as { baseUrl: string };
		const request = this.getNodeParameter('request', 0) as IDataObject | string;
		const { method, path, body, concurrency } = (typeof request === 'string' ? JSON.parse(request) : request) as {
			method: 'GET' | 'POST' | 'PUT';
			path: string;
			body?: IDataObject;
			concurrency: number;
		};
		const out: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const i = next++;
				const id = String(items[i].json.id ?? '');
				const json = (await this.helpers.httpRequestWithAuthentication.call(this, 'crmLeadApi', {
					method,
					url: `${baseUrl}${path.replace(':id', encodeURIComponent(id))}`,
					body: body ? { ...body, ...(method === 'POST' ? { id, name: `Bench ${id}` } : {}) } : undefined,
					json: true,
				})) as IDataObject;
				out[i] = { json, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
		return [out];
	}
}
