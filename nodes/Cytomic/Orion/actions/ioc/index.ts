import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as getManyByAttributes from './getManyByAttributes.operation';
import * as getManyByDate from './getManyByDate.operation';
import * as importIocs from './import.operation';
import * as retrospectiveSearch from './retrospectiveSearch.operation';

export { del as delete, getManyByAttributes, getManyByDate, importIocs as import, retrospectiveSearch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ioc'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete indicators', description: 'Delete imported IOCs and stop their searches' },
			{
				name: 'Get Many by Attributes',
				value: 'getManyByAttributes',
				action: 'Get indicators by attributes',
				description: 'Look up imported IOCs by their values',
			},
			{
				name: 'Get Many by Date',
				value: 'getManyByDate',
				action: 'Get indicators by date',
				description: 'List the IOCs of a type imported in a time interval',
			},
			{
				name: 'Import',
				value: 'import',
				action: 'Import indicators',
				description: 'Load IOCs onto the platform for real-time (and optionally retrospective) search, batched per type',
			},
			{
				name: 'Retrospective Search',
				value: 'retrospectiveSearch',
				action: 'Run a retrospective search',
				description: "Search the events of the client's computers so far for IOCs",
			},
		],
		default: 'import',
	},
	...importIocs.description,
	...del.description,
	...getManyByAttributes.description,
	...getManyByDate.description,
	...retrospectiveSearch.description,
];
