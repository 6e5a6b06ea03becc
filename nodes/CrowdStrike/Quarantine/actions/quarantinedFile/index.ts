import type { INodeProperties } from 'n8n-workflow';

import * as applyActionByIds from './applyActionByIds.operation';
import * as applyActionByQuery from './applyActionByQuery.operation';
import * as countAffected from './countAffected.operation';
import * as get from './get.operation';
import * as getAggregates from './getAggregates.operation';
import * as getMany from './getMany.operation';

export { applyActionByIds, applyActionByQuery, countAffected, get, getAggregates, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['quarantinedFile'] } },
		options: [
			{
				name: 'Apply Action by IDs',
				value: 'applyActionByIds',
				action: 'Apply an action to quarantined files by ID',
				description: 'Release, unrelease or delete quarantined files, IDs batched across items',
			},
			{
				name: 'Apply Action by Query',
				value: 'applyActionByQuery',
				action: 'Apply an action to quarantined files by query',
				description: 'Release, unrelease or delete every quarantined file a filter or search matches, with a preview and a limit',
			},
			{
				name: 'Count Affected by Action',
				value: 'countAffected',
				action: 'Count the files each action would affect',
				description: 'How many quarantined files a filter would release, unrelease or delete',
			},
			{ name: 'Get', value: 'get', action: 'Get quarantined files by ID' },
			{ name: 'Get Aggregates', value: 'getAggregates', action: 'Get quarantined file aggregates', description: 'Count quarantined files by a field or over time' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many quarantined files', description: 'Search quarantined files with an FQL filter or a phrase' },
		],
		default: 'getMany',
	},
	...applyActionByIds.description,
	...applyActionByQuery.description,
	...countAffected.description,
	...get.description,
	...getAggregates.description,
	...getMany.description,
];
