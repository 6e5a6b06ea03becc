import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Node type of the harness's start node (`runNode` puts it before the node under test). */
export const HARNESS_INPUT_NODE_TYPE = 'harness.input';

/**
 * Emits the items the test passed in. The harness starts the execution at this node with those
 * items as its input data (as n8n starts a trigger with the items it received), so json and
 * binary reach the next node exactly as given, with n8n's pairedItem bookkeeping.
 */
export class HarnessInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Emits the items the test passed in',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
