import './env';

import type { IConnections, INodeParameters } from 'n8n-workflow';

import type { CredentialsInput } from './credential-store';
import { HARNESS_INPUT_NODE_TYPE } from './harness-nodes';
import { fullNodeTypeName } from './registry';
import { runWorkflow, type WorkflowRunResult } from './run-workflow';
import { AGENT_NODE_TYPE, HarnessAgent, asToolType, type ToolCall, type ToolCallResult } from './tool-node-types';

export interface AgentTool {
	/** The tool node's name (the model sees it as the tool's name). */
	name: string;
	/** Our node type, e.g. `crowdStrikeFalconIoc`: it runs as `<type>Tool`. */
	type: string;
	/** The node's parameters; what the model fills is `$fromAI(...)` in them. */
	parameters: INodeParameters;
}

export interface RunAgentToolsOptions {
	tools: AgentTool[];
	calls: ToolCall[];
	/** 'wrapper' (n8n-core's node-as-tool wrapper, default) or 'engine' (the AI Agent 3.x's engine requests). */
	path?: 'wrapper' | 'engine';
	credentials?: CredentialsInput;
}

export interface RunAgentToolsResult {
	/** One per call, in order. */
	results: ToolCallResult[];
	run: WorkflowRunResult;
}

/**
 * Runs a workflow `Input → Agent` with the given tools connected to the agent, in n8n-core's
 * WorkflowExecute: the agent calls each tool once per `calls` entry, as a model would.
 */
export async function runAgentTools(options: RunAgentToolsOptions): Promise<RunAgentToolsResult> {
	const types = [...new Set(options.tools.map((tool) => tool.type))];
	const connections: IConnections = { Input: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] } };
	for (const tool of options.tools) connections[tool.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	const run = await runWorkflow({
		nodes: [
			{ name: 'Input', type: HARNESS_INPUT_NODE_TYPE, parameters: {} },
			{ name: 'Agent', type: AGENT_NODE_TYPE, parameters: { path: options.path ?? 'wrapper', calls: JSON.stringify(options.calls) } },
			...options.tools.map((tool) => ({ name: tool.name, type: `${fullNodeTypeName(tool.type)}Tool`, parameters: tool.parameters })),
		],
		connections,
		credentials: options.credentials,
		startNode: 'Input',
		extraNodeTypes: [new HarnessAgent(), ...types.map(asToolType)],
	});
	const results = (run.nodes.Agent?.items ?? []).map((item) => item.json as unknown as ToolCallResult);
	return { results, run };
}
