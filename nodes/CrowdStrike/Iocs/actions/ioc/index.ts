import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, del as delete, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ioc'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an IOC', description: 'CreateIOC, carried out through IOC Management' },
			{ name: 'Delete', value: 'delete', action: 'Delete an IOC', description: 'DeleteIOC by type and value' },
			{ name: 'Get', value: 'get', action: 'Get an IOC', description: 'GetIOC by type and value' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many custom indicators', description: 'QueryIOCs with the legacy filters' },
			{ name: 'Update', value: 'update', action: 'Update an IOC', description: 'UpdateIOC by type and value' },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
];
