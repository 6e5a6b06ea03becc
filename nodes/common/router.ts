import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { isAgentTool, runAsAgentTool, type AgentToolTable } from './agent-tool';

export type OperationExecute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** Each resource's module: its operations by name (and its description, which the router ignores). */
export type NodeOperations = Record<string, object>;

/**
 * Resource and Operation are the same for every item: the chosen operation gets all items at once.
 * Run by an AI agent as a tool, the call goes through the node's agent table first (agent-tool.ts).
 */
export async function route(this: IExecuteFunctions, operations: NodeOperations, agentTool: AgentToolTable): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = (operations[resource] as Record<string, { execute?: OperationExecute }> | undefined)?.[operation];
	if (chosen?.execute === undefined) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	const execute = chosen.execute;
	if (isAgentTool(this)) {
		return [await runAsAgentTool(this, agentTool, resource, operation, async () => await execute.call(this, this.getInputData()))];
	}
	return [await execute.call(this, this.getInputData())];
}
