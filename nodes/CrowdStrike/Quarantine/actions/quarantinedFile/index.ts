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
				action: 'Apply action by ID',
				description: 'Release, unrelease or delete quarantined files, IDs batched across items',
			},
			{
				name: 'Apply Action by Query',
				value: 'applyActionByQuery',
				action: 'Apply action by query',
				description: 'Release, unrelease or delete every quarantined file a filter or search matches, with a preview and a limit',
			},
			{
				name: 'Count Affected by Action',
				value: 'countAffected',
				action: 'Count files per action',
				description: 'How many quarantined files a filter would release, unrelease or delete',
			},
			{ name: 'Get', value: 'get', action: 'Get quarantined files by ID', description: 'Quarantined files by quarantine ID: host, file, state and detections' },
			{ name: 'Get Aggregates', value: 'getAggregates', action: 'Get quarantine aggregates', description: 'Count quarantined files by a field or over time' },
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
