import type { AgentToolTable } from '../../../common/agent-tool';

/** Every operation of the Orion node as an AI agent's tool. */
export const agentTool: AgentToolTable = {
	tenant: 'the Cytomic Orion tenant',
	operations: {
		'ioc:getManyByAttributes': {
			use: 'read',
			description: 'Look up IOCs imported into Orion by type and values; returns one item per value asked for, with found: true and its record, or found: false. Use it to check whether Orion already tracks an indicator.',
		},
		'ioc:getManyByDate': { use: 'read', description: 'List the Orion IOCs imported within a date range; returns one item per IOC.' },
		'ioc:retrospectiveSearch': { use: 'read', description: 'Search Orion telemetry of the last months for IOCs (type and values): where and when each was seen. Takes up to 90 seconds; search few values at a time.' },
		'ioc:import': { use: 'write', description: 'Import IOCs into Orion (starts searches for them). Only when the user asked for it.' },
		'ioc:delete': { use: 'write', description: 'Delete imported Orion IOCs and stop their searches. Only when the user asked for it.' },
	},
};
