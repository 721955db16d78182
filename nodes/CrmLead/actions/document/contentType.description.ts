import type { INodeProperties } from 'n8n-workflow';

/** Document formats the print and report endpoints render (srfcontenttype). */
export const contentTypeParameter: INodeProperties = {
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	options: [
		{ name: 'PDF', value: 'pdf' },
		{ name: 'HTML', value: 'html' },
		{ name: 'Excel (XLSX)', value: 'xlsx' },
		{ name: 'Word (DOCX)', value: 'docx' },
	],
	default: 'pdf',
	description: 'Format of the rendered document (srfcontenttype); the server decides which formats it supports',
};
