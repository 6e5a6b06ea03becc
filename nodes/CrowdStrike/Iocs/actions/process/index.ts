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
		displayOptions: { show: { resource: ['process'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get process details', description: 'Details of processes by ID (entities_processes)' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many processes', description: 'ProcessesRanOn: the processes on a host that an IOC ran in' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
