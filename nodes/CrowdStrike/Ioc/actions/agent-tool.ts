import type { AgentToolTable } from '../../../common/agent-tool';
import { FALCON_TENANT, OBSERVED_TOOLS } from '../../shared/agent-tool';

/** Every operation of the IOC node as an AI agent's tool: what it is, and what the model is told. */
export const agentTool: AgentToolTable = {
	tenant: FALCON_TENANT,
	operations: {
		...OBSERVED_TOOLS,
		'indicator:getMany': {
			use: 'read',
			description:
				"Search Falcon custom indicators (IOCs) with an FQL filter; returns one item per indicator: id, type, value, action, severity, platforms, tags, expiration. Filter fields: value (value:'evil.example'), type (type:'sha256'), action (action:'prevent'), tags (tags:'phishing'), created_on (created_on:>='2026-01-01'). Use it to check whether an indicator exists; not for counting hosts that saw it.",
		},
		'indicator:get': { use: 'read', description: 'Get custom indicators by their IDs (from a search); returns one item per indicator. Not for searching by value: use the indicator search.' },
		'indicator:getAggregates': {
			use: 'read',
			description: "Count custom indicators by a field (terms on type, action, severity…) or over time, optionally within an FQL filter such as action:'prevent'. Returns buckets with counts, not the indicators.",
		},
		'indicator:exportReport': { use: 'read', description: 'Launch a CSV or JSON report of the indicators an FQL filter matches; returns the report ID, not its content.' },
		'indicator:create': {
			use: 'write',
			description:
				'Create a custom indicator (type sha256, md5, domain, ipv4 or ipv6; its value; action detect, prevent, allow or no_action; severity; platforms). Returns the created indicator. Changes what Falcon blocks or alerts on: only when the user asked for it.',
		},
		'indicator:update': { use: 'write', description: 'Change custom indicators (action, severity, expiration, tags…) by ID or by FQL filter. Returns the updated indicators.' },
		'indicator:delete': { use: 'write', description: 'Delete custom indicators by ID or by FQL filter. Returns what was deleted.' },
		'indicator:sync': { use: 'write', description: 'Make Falcon custom indicators match a feed: create, update and remove indicators. Returns what changed.' },
		'action:getMany': { use: 'read', description: 'List the actions an indicator can take (detect, prevent, allow…).' },
		'action:get': { use: 'read', description: 'Get indicator actions by their IDs (from the action list); returns each with its name and description.' },
		'referenceData:getIocTypes': { use: 'read', description: 'List the indicator types Falcon accepts (sha256, md5, domain, ipv4, ipv6).' },
		'referenceData:getPlatforms': { use: 'read', description: 'List the platforms an indicator can apply to (windows, mac, linux…).' },
		'referenceData:getSeverities': { use: 'read', description: 'List the severities an indicator can have.' },
	},
};
