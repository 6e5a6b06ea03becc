import type { AgentOperation } from '../../common/agent-tool';

/** Whose data a Falcon node's writes change, as refusals to an AI agent name it. */
export const FALCON_TENANT = 'the CrowdStrike Falcon tenant';

/** Where an indicator was seen (observed.ts builds these operations for the IOC and legacy IOCs nodes alike). */
export const OBSERVED_TOOLS: Record<string, AgentOperation> = {
	'device:count': {
		use: 'read',
		description: 'Count the hosts that observed an indicator (type sha256, md5, domain, ipv4 or ipv6, and its value); returns { device_count }. Use it for "how many hosts saw X".',
	},
	'device:getMany': { use: 'read', description: 'List the host IDs on which an indicator (type and value) ran or was seen. For the count only, use the device count.' },
	'process:getMany': { use: 'read', description: 'List the process IDs in which an indicator (type and value) ran on one host (its device ID).' },
	'process:get': { use: 'read', description: 'Get process details (command line, start time, file name) by process ID.' },
};
