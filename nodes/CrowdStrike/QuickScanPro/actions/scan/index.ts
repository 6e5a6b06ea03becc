import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as launch from './launch.operation';

export { del as delete, get, getMany, launch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scan'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete scan results', description: 'Delete the results of scans by ID' },
			{ name: 'Get', value: 'get', action: 'Get scan results', description: 'Status, verdict and analysis of scans by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many scan results', description: 'Search scans with an FQL filter' },
			{ name: 'Launch', value: 'launch', action: 'Launch scans', description: 'Scan files uploaded earlier, one scan each, and optionally wait for the verdicts' },
		],
		default: 'get',
	},
	...del.description,
	...get.description,
	...getMany.description,
	...launch.description,
];
