import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the Host node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'host:getMany': {
			use: 'read',
			description:
				"Search hosts with an FQL filter; fields: hostname (hostname:'WS-NYC-0042'), platform_name (platform_name:'Windows'), status (status:'contained'), local_ip (local_ip:'10.0.0.5'), last_seen (last_seen:>='now-1d'). Returns one item per host: device_id, hostname, platform, IPs, containment status, last seen.",
		},
		'host:get': { use: 'read', description: 'Get hosts by device ID, hostname or IP address; returns each host record.' },
		'host:getOnlineState': { use: 'read', description: 'Tell whether hosts are online, offline or unknown, by device ID.' },
		'host:contain': { use: 'write', description: 'Network-contain hosts (they can then reach only the CrowdStrike cloud), refused above Max Hosts to Affect. Only when the user asked for it.' },
		'host:liftContainment': { use: 'write', description: 'Lift network containment from hosts. Only when the user asked for it.' },
		'host:hide': { use: 'write', description: 'Hide hosts from the Falcon console. Only when the user asked for it.' },
		'host:unhide': { use: 'write', description: 'Unhide hidden hosts. Only when the user asked for it.' },
		'hostGroup:getMembers': { use: 'read', description: "List the hosts of a host group, optionally within an FQL filter such as platform_name:'Windows'." },
		'hostGroup:addHosts': { use: 'write', description: 'Add hosts to a static host group. Only when the user asked for it.' },
		'hostGroup:removeHosts': { use: 'write', description: 'Remove hosts from a static host group. Only when the user asked for it.' },
	},
};
