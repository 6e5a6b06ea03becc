import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the Alert node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'alert:getMany': {
			use: 'read',
			description:
				"Search Falcon alerts with an FQL filter; fields: status (status:'new'), severity_name (severity_name:'High'), sha256 (sha256:'<sha256>'), device.hostname (device.hostname:'WS-NYC-0042'), created_timestamp (created_timestamp:>='now-1d'). Returns one item per alert: composite ID, severity, status, host, file, tactic and technique.",
		},
		'alert:get': { use: 'read', description: 'Get alerts by composite alert ID; returns each alert.' },
		'alert:getAggregates': { use: 'read', description: 'Count alerts by a field (terms on status, severity_name, tactic…) or over time. Returns buckets with counts.' },
		'alert:update': { use: 'write', description: 'Change alerts by composite ID: status, assignee, tags, comment. Only when the user asked for it.' },
	},
};
