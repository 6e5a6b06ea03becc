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
			{ name: 'Count', value: 'count', action: 'Count observing devices', description: 'DevicesCount: how many hosts observed an IOC' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many observing devices', description: 'DevicesRanOn: the hosts an IOC ran on' },
		],
		default: 'count',
	},
	...count.description,
	...getMany.description,
];
