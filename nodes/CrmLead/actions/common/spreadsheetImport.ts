import type { IExecuteFunctions } from 'n8n-workflow';

import { multipartBody } from '../../transport/multipart';
import { crmRequest, type CrmResponse } from '../../transport/request';
import { readBinaryProperty } from './binaryParameters'
import { assertSpreadsheet, readInputFile } from './inputFile';
import { readPolicy } from './parameters';

/** Reads the parameters of an import now; the returned call sends the item's spreadsheet as multipart field `file`. */
export function prepareImport<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	endpoint: 'importdata' | 'importdata2',
	binary: boolean,
	target: { collection: readonly string[]; plural: string } = { collection: ['crm_leads'], plural: 'leads' },
): () => Promise<CrmResponse<T>> {
	const property = readBinaryProperty(ctx, itemIndex);
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	const policy = readPolicy(ctx, itemIndex);
	return async () => {
		const file = assertSpreadsheet(ctx, itemIndex, property, await readInputFile(ctx, itemIndex, property));
		const { body, contentType } = multipartBody({ field: 'file', ...file });
		return await crmRequest<T>(ctx, {
			method: 'POST',
			path: [...target.collection, endpoint],
			qs: tag ? { srfimporttag: tag } : undefined,
			body,
			headers: { 'Content-Type': contentType },
			answer: binary ? 'file' : 'object',
			operation: endpoint === 'importdata' ? `Import ${target.plural}` : `Import ${target.plural} with error file`,
			itemIndex,
			policy,
		});
	};
}
