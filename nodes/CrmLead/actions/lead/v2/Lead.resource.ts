import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../types';
import { leadOperationParameter, leadOperations } from '../Lead.resource';
import * as create from './create.operation';
import * as getDraft from './getDraft.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** Version 2: the operations that take lead fields use the resource mapper; the others are version 1's. */
export const leadOperationsV2: ResourceOperations = { ...leadOperations, create, getDraft, update, upsert };

export const leadDescriptionV2: INodeProperties[] = [
	leadOperationParameter,
	...Object.values(leadOperationsV2).flatMap((op) => op.description),
];
