import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readNodeParameter } from './nodeParameter';

export const inputBinaryParameter: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to be written',
	description: 'The name of the input binary field holding the spreadsheet (xlsx or csv) to send',
};

export const outputBinaryParameter: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'The name of the output binary field to put the downloaded file in',
};

/** The binary field chosen in "Input Binary Field" / "Put Output File in Field". */
export function readBinaryProperty(ctx: IExecuteFunctions, itemIndex: number): string {
	return readNodeParameter(ctx, 'binaryPropertyName', itemIndex, 'data');
}
