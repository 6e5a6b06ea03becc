/**
 * The AI agent side of n8n, for tests of our nodes as tools:
 *
 * - `asToolType(type)`: the `<name>Tool` variant of a `usableAsTool` node, as n8n's node loader
 *   derives it (same execute and methods; name + "Tool", no main input, an `ai_tool` output,
 *   "Description" parameters unless the node has its own `toolDescription`);
 * - `harness.agent`: a stand-in for n8n's AI Agent that calls its connected tools with the
 *   arguments a model would send, in either of the two ways n8n runs tools:
 *   'wrapper': n8n-core's node-as-tool wrapper (getInputConnectionData → createNodeAsTool →
 *   the LangChain tool's invoke), as the older agents and the MCP server do;
 *   'engine': an engine request (what the AI Agent 3.x does): WorkflowExecute runs the tool
 *   node itself, then resumes the agent with each tool's run data.
 *   Each call becomes one output item: { node, tool, description, result | thrown }.
 */
import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, deepCopy } from 'n8n-workflow';

import { fullNodeTypeName } from './registry';
import { createRegistry } from './registry';

export const AGENT_NODE_TYPE = 'harness.agent';

export interface ToolCall {
	/** The tool node's name in the workflow. */
	node: string;
	/** What the model sends: the tool's `$fromAI` keys and their values. */
	args: IDataObject;
}

export interface ToolCallResult {
	node: string;
	/** The tool's name as the model sees it. */
	tool: string;
	/** The description the model reads (wrapper path only). */
	description: string;
	/** What the tool answered, parsed (the model reads it as JSON text). */
	result: unknown;
	/** The error the call threw, when it threw (wrapper path; the agent would show it to the model). */
	thrown: string | null;
}

/** n8n's default tool "Description" parameters, added only to a node without a `toolDescription`. */
function defaultToolDescriptionProperties(description: INodeTypeDescription): INodeProperties[] {
	const hasResourceOrOperation = description.properties.some((p) => p.name === 'resource' || p.name === 'operation');
	const text: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		...(hasResourceOrOperation ? { displayOptions: { show: { descriptionType: ['manual'] } } } : {}),
	};
	if (!hasResourceOrOperation) return [text];
	const mode: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	return [mode, text];
}

/** The `<name>Tool` node type n8n derives from a `usableAsTool` node of the package. */
export function asToolType(type: string): INodeType {
	const base = createRegistry().nodeTypes.getByNameAndVersion(fullNodeTypeName(type));
	if (!base.description.usableAsTool) throw new Error(`${type} is not usableAsTool`);
	const description = deepCopy(base.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	if (!description.properties.some((p) => p.name === 'toolDescription')) {
		description.properties.unshift(...defaultToolDescriptionProperties(description));
	}
	return { description, execute: base.execute, methods: base.methods } as INodeType;
}

function parsed(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

async function callThroughWrapper(ctx: IExecuteFunctions, calls: ToolCall[]): Promise<ToolCallResult[]> {
	type Tool = { name: string; description: string; metadata?: { sourceNodeName?: string }; invoke(args: IDataObject): Promise<unknown> };
	const connected = (await ctx.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Tool | Tool[];
	const tools = Array.isArray(connected) ? connected : [connected];
	const out: ToolCallResult[] = [];
	for (const call of calls) {
		const tool = tools.find((t) => t.metadata?.sourceNodeName === call.node);
		if (!tool) throw new Error(`No tool from the node "${call.node}" is connected to the agent`);
		const base = { node: call.node, tool: tool.name, description: tool.description };
		try {
			out.push({ ...base, result: parsed(await tool.invoke(call.args)), thrown: null });
		} catch (error) {
			out.push({ ...base, result: null, thrown: (error as Error).message });
		}
	}
	return out;
}

function engineRequest(calls: ToolCall[]): EngineRequest {
	return {
		actions: calls.map((call, index) => ({
			actionType: 'ExecutionNodeAction' as const,
			nodeName: call.node,
			input: call.args,
			type: NodeConnectionTypes.AiTool,
			id: `call_${index}`,
			metadata: { itemIndex: 0 },
		})),
		metadata: {},
	};
}

function engineResults(response: EngineResponse, calls: ToolCall[]): ToolCallResult[] {
	return calls.map((call, index) => {
		const answer = response.actionResponses.find((r) => r.action.id === `call_${index}`);
		const items = answer?.data?.data?.ai_tool?.[0]?.map((item) => item.json);
		return {
			node: call.node,
			tool: call.node,
			description: '',
			result: items ?? null,
			thrown: answer?.data?.error?.message ?? null,
		};
	});
}

export class HarnessAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Agent',
		name: AGENT_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Calls its tools with scripted arguments, like an AI agent',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'options', options: [{ name: 'Wrapper', value: 'wrapper' }, { name: 'Engine', value: 'engine' }], default: 'wrapper' },
			{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' },
		],
	};

	async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<INodeExecutionData[][] | EngineRequest> {
		const calls = JSON.parse(this.getNodeParameter('calls', 0) as string) as ToolCall[];
		if (this.getNodeParameter('path', 0) === 'engine') {
			if (!response || response.actionResponses.length === 0) return engineRequest(calls);
			return [engineResults(response, calls).map((result) => ({ json: result as unknown as IDataObject }))];
		}
		return [(await callThroughWrapper(this, calls)).map((result) => ({ json: result as unknown as IDataObject }))];
	}
}
