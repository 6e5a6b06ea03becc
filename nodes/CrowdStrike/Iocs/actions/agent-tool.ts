import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT, OBSERVED_TOOLS } from '../../shared/agent-tool';

/** Every operation of the legacy IOCs node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		...OBSERVED_TOOLS,
		'ioc:getMany': {
			use: 'read',
			description:
				'Search custom IOCs of the legacy IOC API by types, values (comma-separated, e.g. evil.example), policies (detect or none), sources or expiration dates; returns one item per IOC. Prefer the IOC Management tools when both are connected.',
		},
		'ioc:get': { use: 'read', description: 'Get one legacy custom IOC by type and value; returns it, or an error when it does not exist.' },
		'ioc:create': { use: 'write', description: 'Create legacy custom IOCs (type, value, policy detect or none, expiration). Changes what Falcon alerts on: only when the user asked for it.' },
		'ioc:update': { use: 'write', description: 'Change a legacy custom IOC (policy, expiration, description) by type and value.' },
		'ioc:delete': { use: 'write', description: 'Delete a legacy custom IOC by type and value.' },
	},
};
