import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAggregates from './getAggregates.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { get, getAggregates, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get alerts', description: 'Get alerts by composite ID' },
			{ name: 'Get Aggregates', value: 'getAggregates', action: 'Get alert aggregates', description: 'Count alerts by severity, status, tactic, host… or over time' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many alerts', description: 'Search alerts with an FQL filter, past 10,000 with Return All' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update alerts',
				description: 'Set the status, assign, comment, add or remove tags, many alerts per request',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getAggregates.description,
	...getMany.description,
	...update.description,
];
