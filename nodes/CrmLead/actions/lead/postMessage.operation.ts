import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { extraParametersCollection } from '../common/fields.description';
import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, convertValuesOption, optionsCollection, requestOptions } from '../common/options.description';
import { prepareRecordCall } from '../common/recordCall';
import type { PreparedCall } from '../types';
import { readExtraParameters, readLeadId } from '../common/parameters';
import { readNodeParameter } from '../common/nodeParameter';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead whose chatter gets the message' }),
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm.lead_welcome',
		description: 'Reference of the message template to render (sent as source_ref)',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Subject of the message; empty uses the template’s own',
	},
	{
		displayName: 'Render Values',
		name: 'renderValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Value',
		default: {},
		description: 'Values the template can use besides the lead’s own fields (sent as render_values)',
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Placeholder name in the template' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Text to put in its place' },
				],
			},
		],
	},
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['postMessage'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const id = readLeadId(ctx, itemIndex);
	const template = String(readNodeParameter(ctx, 'template', itemIndex, '')).trim();
	if (!template) {
		throw new NodeOperationError(ctx.getNode(), 'The Template parameter is empty', {
			itemIndex,
			description: 'Give the reference of a message template, e.g. crm.lead_welcome',
		});
	}
	const pairs = (readNodeParameter<IDataObject>(ctx, 'renderValues', itemIndex, {}).value ?? []) as Array<{
		name?: string;
		value?: string;
	}>;
	const renderValues = Object.fromEntries(pairs.filter((p) => p.name).map((p) => [p.name as string, p.value ?? '']));
	const subject = String(readNodeParameter(ctx, 'subject', itemIndex, '')).trim();
	const body: IDataObject = {
		id,
		source_ref: template,
		render_values: renderValues,
		...(subject ? { subject } : {}),
		...readExtraParameters(ctx, itemIndex),
	};
	return await prepareRecordCall(ctx, itemIndex, {
		method: 'POST',
		path: ['crm_leads', id, 'message_post_with_source'],
		body,
		operation: 'Post message with template',
		recordKey: id,
	});
}
