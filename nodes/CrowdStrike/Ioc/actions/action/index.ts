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
			{ name: 'Get', value: 'get', action: 'Get indicator actions by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many indicator actions', description: 'The actions an indicator can take' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
