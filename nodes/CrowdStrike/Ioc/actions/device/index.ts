import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as getMany from './getMany.operation';

export { count, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{ name: 'Count', value: 'count', action: 'Count observing devices', description: 'How many hosts observed an indicator' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many observing devices', description: 'The hosts an indicator ran on' },
		],
		default: 'count',
	},
	...count.description,
	...getMany.description,
];
