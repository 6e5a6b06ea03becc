import type { INodeProperties } from 'n8n-workflow';

import * as contain from './contain.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getOnlineState from './getOnlineState.operation';
import * as hide from './hide.operation';
import * as liftContainment from './liftContainment.operation';
import * as unhide from './unhide.operation';

export { contain, get, getMany, getOnlineState, hide, liftContainment, unhide };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['host'] } },
		options: [
			{
				name: 'Contain',
				value: 'contain',
				action: 'Contain hosts',
				description: 'Cut hosts off the network except for the CrowdStrike cloud, with a preview and a limit',
			},
			{ name: 'Get', value: 'get', action: 'Get hosts', description: 'Get hosts by device ID, hostname or IP address' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many hosts', description: 'Search hosts by hostname, IP, platform, last seen, tags or an FQL filter' },
			{ name: 'Get Online State', value: 'getOnlineState', action: 'Get online state of hosts', description: 'Whether hosts are online, offline or unknown' },
			{ name: 'Hide', value: 'hide', action: 'Hide hosts', description: 'Hide hosts from the host lists, with a preview and a limit' },
			{
				name: 'Lift Containment',
				value: 'liftContainment',
				action: 'Lift containment on hosts',
				description: 'Give contained hosts their network back, with a preview and a limit',
			},
			{ name: 'Unhide', value: 'unhide', action: 'Unhide hosts', description: 'Restore hidden hosts, with a preview and a limit' },
		],
		default: 'getMany',
	},
	...contain.description,
	...get.description,
	...getMany.description,
	...getOnlineState.description,
	...hide.description,
	...liftContainment.description,
	...unhide.description,
];
