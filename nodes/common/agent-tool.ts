/**
 * A node run by an AI agent as a tool (n8n's `<name>Tool` variant of a `usableAsTool` node):
 * read-only unless the node allows changes, operations that move files not offered, every failure
 * handed back to the model as the tool's answer (nothing sent when the call is refused or its
 * arguments are bad), and the answer capped so it fits the model's context.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { wholeNumber } from './validation';

/** What an operation is to an AI agent. */
export type AgentOperation =
	/** Reads only. `description` is what the model is told about the tool. */
	| { use: 'read'; description: string }
	/** Creates, changes or deletes data in the tenant: refused unless the node allows changes. */
	| { use: 'write'; description: string }
	/** Moves files (uploads, downloads): never run as a tool. */
	| { use: 'notTool'; why: string };

export interface AgentToolTable {
	/** Whose data the writes change, for the refusal: "the CrowdStrike Falcon tenant". */
	tenant: string;
	/** Every operation of the node, by `resource:operation`. One missing is refused as a tool. */
	operations: Record<string, AgentOperation>;
}

export const ALLOW_AGENT_CHANGES = 'allowAgentChanges';
export const AGENT_MAX_RESULTS = 'agentMaxResults';
/** How many items a tool returns to the model unless the node says otherwise. */
export const DEFAULT_AGENT_MAX_RESULTS = 25;

/**
 * Whether this run is an AI agent calling the node as a tool. n8n runs a tool as the node type
 * `<name>Tool` (what `@tool` in display options tests), whether the agent calls it through
 * n8n-core's node-as-tool wrapper or as an engine request.
 */
export function isAgentTool(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

export function agentOperationKey(resource: string, operation: string): string {
	return `${resource}:${operation}`;
}

/** An answer for the model that says what went wrong, in place of the items. */
function toolError(message: string, details?: string): INodeExecutionData[] {
	const json: IDataObject = { error: message };
	if (details && !message.includes(details)) json.details = details;
	return [{ json, pairedItem: { item: 0 } }];
}

/** Why a call is refused before anything is read or sent, or undefined when it may run. */
function refusal(ctx: IExecuteFunctions, table: AgentToolTable, key: string): string | undefined {
	const entry = table.operations[key];
	const tool = `"${ctx.getNode().name}"`;
	if (entry === undefined) return `Refused: the tool ${tool} runs an operation (${key}) that is not offered to AI agents. Nothing was sent.`;
	if (entry.use === 'notTool') return `Refused: the tool ${tool} ${entry.why}, which AI agents may not do. Nothing was sent.`;
	// The switch as saved, never an expression: a model cannot allow itself through $fromAI.
	if (entry.use === 'write' && ctx.getNode().parameters[ALLOW_AGENT_CHANGES] !== true) {
		return (
			`Refused: the tool ${tool} creates, changes or deletes data in ${table.tenant}, and this tool is read-only for AI agents. ` +
			'Nothing was sent. Tell the user what you wanted to change; a person can turn on "Allow Changes From an AI Agent" on this tool to permit it.'
		);
	}
	return undefined;
}

/** The items, at most the node's Max Results for the Agent, with a last item saying how many were left out. */
function capped(ctx: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const max = wholeNumber(ctx.getNode(), ctx.getNodeParameter(AGENT_MAX_RESULTS, 0, DEFAULT_AGENT_MAX_RESULTS), 0, 'Max Results for the Agent', 1, 10_000);
	if (items.length <= max) return items;
	const note: IDataObject = {
		truncated: true,
		note: `Only the first ${max} of ${items.length} results are shown. Narrow the filter or ask for fewer results to see the others.`,
		shown: max,
		total: items.length,
	};
	return [...items.slice(0, max), { json: note, pairedItem: { item: 0 } }];
}

/**
 * Runs one operation for an AI agent: refused (nothing read or sent) when the table says so, and
 * any error (bad arguments, an API error) returned to the model as `{ error, details }` rather than
 * thrown, so the agent can read it and go on.
 */
export async function runAsAgentTool(
	ctx: IExecuteFunctions,
	table: AgentToolTable,
	resource: string,
	operation: string,
	execute: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const refused = refusal(ctx, table, agentOperationKey(resource, operation));
	if (refused !== undefined) return toolError(refused);
	try {
		return capped(ctx, await execute());
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string | null };
		return toolError(message ?? String(error), description ?? undefined);
	}
}
