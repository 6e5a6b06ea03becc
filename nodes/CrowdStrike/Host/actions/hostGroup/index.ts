import type { INodeProperties } from 'n8n-workflow';

import * as addHosts from './addHosts.operation';
import * as getMembers from './getMembers.operation';
import * as removeHosts from './removeHosts.operation';

export { addHosts, getMembers, removeHosts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hostGroup'] } },
		options: [
			{ name: 'Add Hosts', value: 'addHosts', action: 'Add hosts to a host group', description: 'Add hosts to a static host group' },
			{ name: 'Get Members', value: 'getMembers', action: 'Get host group members', description: 'List the hosts of a host group' },
			{ name: 'Remove Hosts', value: 'removeHosts', action: 'Remove hosts from a group', description: 'Remove hosts from a static host group' },
		],
		default: 'getMembers',
	},
	...addHosts.description,
	...getMembers.description,
	...removeHosts.description,
];
