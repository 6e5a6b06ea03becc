import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the Quarantine node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'quarantinedFile:getMany': {
			use: 'read',
			description:
				"Search quarantined files with an FQL filter; fields: sha256 (sha256:'<sha256>'), state (state:'quarantined'), hostname (hostname:'WS-NYC-0042'), paths.filename (paths.filename:'invoice.exe'), date_created (date_created:>='now-7d'). Returns one item per quarantined file with its host and state.",
		},
		'quarantinedFile:get': { use: 'read', description: 'Get quarantined files by quarantine ID (<device id>_<sha256>).' },
		'quarantinedFile:getAggregates': { use: 'read', description: 'Count quarantined files by a field (terms on state, hostname, sha256…). Returns buckets with counts.' },
		'quarantinedFile:countAffected': {
			use: 'read',
			description: "Count how many quarantined files a release, unrelease or delete would affect for an FQL filter such as sha256:'<sha256>'. Changes nothing; use it before any action.",
		},
		'quarantinedFile:applyActionByIds': { use: 'write', description: 'Release, unrelease or delete quarantined files by quarantine ID. Only when the user asked for it.' },
		'quarantinedFile:applyActionByQuery': {
			use: 'write',
			description: 'Release, unrelease or delete every quarantined file an FQL filter matches, refused above Max Files to Affect. Only when the user asked for it.',
		},
	},
};
