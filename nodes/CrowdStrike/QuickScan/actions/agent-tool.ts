import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT } from '../../shared/agent-tool';

/** Every operation of the Quick Scan node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		'file:scan': { use: 'notTool', why: 'uploads files to CrowdStrike' },
		'sample:upload': { use: 'notTool', why: 'uploads files to CrowdStrike' },
		'sample:download': { use: 'notTool', why: 'downloads files from CrowdStrike' },
		'sample:delete': { use: 'write', description: 'Delete uploaded samples by SHA256. Only when the user asked for it.' },
		'scan:submit': { use: 'read', description: 'Start a Quick Scan of samples already uploaded, by SHA256; returns the scan ID. Does not upload anything.' },
		'scan:get': { use: 'read', description: 'Get Quick Scan results by scan ID; returns each sample with its verdict (clean, malware, suspicious, unknown).' },
		'scan:getMany': {
			use: 'read',
			description: "Search Quick Scans with an FQL filter; fields: status (status:'done'), samples.sha256 (samples.sha256:'<sha256>'), samples.verdict (samples.verdict:'malware'), created_timestamp (created_timestamp:>='now-1d'). Returns scans with their verdicts.",
		},
		'scan:getAggregates': { use: 'read', description: 'Count Quick Scans by a field (terms on status, verdict…) or over time. Returns buckets with counts.' },
	},
};
