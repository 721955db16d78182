import type { INodeProperties } from 'n8n-workflow';

export const importTagParameter: INodeProperties = {
	displayName: 'Import Tag',
	name: 'importTag',
	type: 'string',
	default: '',
	description: 'Which import definition of the server to use (srfimporttag); empty uses the default',
};
