import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the legacy IOCs node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'ioc:getMany': {
			use: 'read',
			description:
				'Search custom IOCs of the legacy IOC API by types, values (comma-separated, e.g. evil.example), policies (detect or none), sources or expiration dates; returns one item per IOC. Prefer the IOC Management tools when both are connected.',
		},
		'ioc:get': { use: 'read', description: 'Get one legacy custom IOC by type and value; returns it, or an error when it does not exist.' },
		'ioc:create': { use: 'write', description: 'Create legacy custom IOCs (type, value, policy detect or none, expiration). Changes what Falcon alerts on: only when the user asked for it.' },
		'ioc:update': { use: 'write', description: 'Change a legacy custom IOC (policy, expiration, description) by type and value.' },
		'ioc:delete': { use: 'write', description: 'Delete a legacy custom IOC by type and value.' },
		'device:count': { use: 'read', description: 'Count the hosts that observed an indicator (type sha256, md5, domain, ipv4 or ipv6, and its value); returns { device_count }.' },
		'device:getMany': { use: 'read', description: 'List the host IDs on which an indicator (type and value) ran or was seen.' },
		'process:getMany': { use: 'read', description: 'List the process IDs in which an indicator (type and value) ran on one host (its device ID).' },
		'process:get': { use: 'read', description: 'Get process details (command line, start time, file name) by process ID.' },
	},
};
