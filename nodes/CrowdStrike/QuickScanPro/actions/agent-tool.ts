import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the Quick Scan Pro node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'file:upload': { use: 'notTool', why: 'uploads files to CrowdStrike' },
		'file:scan': { use: 'notTool', why: 'uploads files to CrowdStrike' },
		'file:delete': { use: 'write', description: 'Delete uploaded files by SHA256. Only when the user asked for it.' },
		'scan:launch': { use: 'read', description: 'Launch a Quick Scan Pro scan of a file already uploaded, by SHA256; returns the scan ID. Does not upload anything.' },
		'scan:get': { use: 'read', description: 'Get Quick Scan Pro results by scan ID; returns the verdict (clean, malicious, suspicious…) and its reasons.' },
		'scan:getMany': {
			use: 'read',
			description: "Search Quick Scan Pro scans with an FQL filter; fields: sha256 (sha256:'<sha256>'), status (status:'done'), verdict (verdict:'malicious'), created_timestamp (created_timestamp:>'2026-01-01'). Returns scans with their verdicts.",
		},
		'scan:delete': { use: 'write', description: 'Delete Quick Scan Pro scan results by scan ID. Only when the user asked for it.' },
	},
};
