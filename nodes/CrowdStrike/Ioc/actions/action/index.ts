import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get action types by ID', description: 'The action types with these IDs: the indicator types, platforms and severities each applies to' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many action types', description: 'Every action an indicator can take (detect, prevent, allow…), with the indicator types it applies to' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
