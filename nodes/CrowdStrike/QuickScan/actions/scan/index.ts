import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAggregates from './getAggregates.operation';
import * as getMany from './getMany.operation';
import * as submit from './submit.operation';

export { get, getAggregates, getMany, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scan'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get scans by ID', description: 'Status and verdicts of scans' },
			{ name: 'Get Aggregates', value: 'getAggregates', action: 'Get scan aggregates', description: 'Count scans by a field or over time' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many scans', description: 'Search scan submissions with an FQL filter' },
			{ name: 'Submit', value: 'submit', action: 'Submit samples for scanning', description: 'Scan uploaded samples, batched across items into scan volumes' },
		],
		default: 'get',
	},
	...get.description,
	...getAggregates.description,
	...getMany.description,
	...submit.description,
];
