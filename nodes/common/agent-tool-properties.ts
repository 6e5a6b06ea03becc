/**
 * What a node shows only when it is an AI agent's tool (`@tool` in display options: n8n's
 * `<name>Tool` variant): the switch that allows changes, the cap on results, the description the
 * model reads for each operation, the operations that move files hidden, and lower limits.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { AGENT_MAX_RESULTS, ALLOW_AGENT_CHANGES, DEFAULT_AGENT_MAX_RESULTS, type AgentToolTable } from './agent-tool';

const AS_TOOL = { '@tool': [true] };

/**
 * n8n adds its own "Description" to a tool only when the node has no `toolDescription`; ours is
 * filled per operation with what a model needs, and stays editable.
 */
const TOOL_DESCRIPTION: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'What the AI agent is told about this tool: what it does, what it returns, and when not to use it',
};

/** `resource:operation` keys of the table, grouped by resource, for one use. */
function byResource(table: AgentToolTable, wanted: (key: string) => boolean): Map<string, string[]> {
	const grouped = new Map<string, string[]>();
	for (const key of Object.keys(table.operations).filter(wanted)) {
		const [resource, operation] = key.split(':');
		grouped.set(resource, [...(grouped.get(resource) ?? []), operation]);
	}
	return grouped;
}

/** The switch (shown on the write operations), the cap, and one tool description per operation. */
export function agentToolProperties(table: AgentToolTable): INodeProperties[] {
	const writes = byResource(table, (key) => table.operations[key].use === 'write');
	const allow: INodeProperties[] = [...writes].map(([resource, operations]) => ({
		displayName: 'Allow Changes From an AI Agent',
		name: ALLOW_AGENT_CHANGES,
		type: 'boolean',
		// A person's decision: no expression, so no $fromAI either (the model cannot allow itself).
		noDataExpression: true,
		default: false,
		description: `Whether an AI agent may run this operation, which creates, changes or deletes data in ${table.tenant}. Off: the tool refuses, tells the agent why, and sends nothing.`,
		displayOptions: { show: { ...AS_TOOL, resource: [resource], operation: operations } },
	}));
	const descriptions: INodeProperties[] = Object.entries(table.operations).flatMap(([key, entry]) => {
		if (entry.use === 'notTool') return [];
		const [resource, operation] = key.split(':');
		return [{ ...TOOL_DESCRIPTION, default: entry.description, displayOptions: { show: { ...AS_TOOL, resource: [resource], operation: [operation] } } }];
	});
	return [
		...descriptions,
		...allow,
		{
			displayName: 'Max Results for the Agent',
			name: AGENT_MAX_RESULTS,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_AGENT_MAX_RESULTS,
			description: 'The most items this tool returns to the agent; when there are more, the answer says how many were left out',
			displayOptions: { show: AS_TOOL },
		},
	];
}

/** The node's properties with the operations that are not tools hidden from the tool variant's Operation list. */
export function hideNonToolOperations(properties: INodeProperties[], table: AgentToolTable): INodeProperties[] {
	return properties.map((property) => {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !Array.isArray(resources) || resources.length !== 1) return property;
		const resource = String(resources[0]);
		const options = (property.options as INodePropertyOptions[] | undefined)?.map((option) =>
			table.operations[`${resource}:${String(option.value)}`]?.use === 'notTool' ? { ...option, displayOptions: { hide: AS_TOOL } } : option,
		);
		return { ...property, options };
	});
}

/**
 * A limit (Max Files, Max Hosts) as two properties of one name: the node's own, and for the tool
 * variant the same with a lower default, so an agent's call is held to less unless a person raises it.
 */
export function withAgentDefault(property: INodeProperties, agentDefault: number): INodeProperties[] {
	const { show = {}, hide } = property.displayOptions ?? {};
	return [
		{ ...property, displayOptions: { show, hide: { ...(hide ?? {}), ...AS_TOOL } } },
		{ ...property, default: agentDefault, displayOptions: { show: { ...show, ...AS_TOOL }, ...(hide ? { hide } : {}) } },
	];
}

/** A node's properties as its tool variant needs them: the operations that are not tools hidden, the agent settings added. */
export function withAgentTool(table: AgentToolTable, properties: INodeProperties[]): INodeProperties[] {
	return [...hideNonToolOperations(properties, table), ...agentToolProperties(table)];
}
