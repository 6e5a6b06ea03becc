import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as exportReport from './exportReport.operation';
import * as get from './get.operation';
import * as getAggregates from './getAggregates.operation';
import * as getMany from './getMany.operation';
import * as sync from './sync.operation';
import * as update from './update.operation';

export { create, del as delete, exportReport, get, getAggregates, getMany, sync, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['indicator'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create indicators', description: 'Create custom indicators, batched across items' },
			{ name: 'Delete', value: 'delete', action: 'Delete indicators', description: 'Delete indicators by ID or by filter' },
			{ name: 'Export Report', value: 'exportReport', action: 'Export an indicator report', description: 'Launch a CSV or JSON report of indicators' },
			{ name: 'Get', value: 'get', action: 'Get indicators by ID', description: 'Indicators by their IOC Management IDs' },
			{ name: 'Get Aggregates', value: 'getAggregates', action: 'Get indicator aggregates', description: 'Count indicators by a field or over time' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many indicators', description: 'Search indicators with an FQL filter' },
			{
				name: 'Sync',
				value: 'sync',
				action: 'Sync indicators with a feed',
				description: 'Make the indicators of one source equal to the input items: create, update, and remove what the feed dropped',
			},
			{ name: 'Update', value: 'update', action: 'Update indicators', description: 'Update indicators by ID or by filter' },
		],
		default: 'getMany',
	},
	...create.description,
	...del.description,
	...exportReport.description,
	...get.description,
	...getAggregates.description,
	...getMany.description,
	...sync.description,
	...update.description,
];
