import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/**
 * Minimal `n8n-nodes-base.merge` version 3.x, mode "Choose Branch" only (nodes-base is not
 * installed): "Wait for All Inputs to Arrive", then output the data of one input, or a single empty
 * item. As in n8n, `requiredInputs` makes the engine run it only once both inputs have items (in
 * execution order v1); the other modes (append, combine…) are refused rather than imitated.
 */
export class Merge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Merge',
		name: 'merge',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		description: 'Merges data of multiple streams once data from both is available',
		defaults: { name: 'Merge' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		requiredInputs: '={{ $parameter["mode"] === "chooseBranch" ? [0, 1] : 1 }}',
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Append', value: 'append' },
					{ name: 'Combine', value: 'combine' },
					{ name: 'SQL Query', value: 'combineBySql' },
					{ name: 'Choose Branch', value: 'chooseBranch' },
				],
				default: 'append',
			},
			{ displayName: 'Number of Inputs', name: 'numberInputs', type: 'hidden', default: 2 },
			{
				displayName: 'Output Type',
				name: 'chooseBranchMode',
				type: 'options',
				options: [{ name: 'Wait for All Inputs to Arrive', value: 'waitForAll' }],
				default: 'waitForAll',
				displayOptions: { show: { mode: ['chooseBranch'] } },
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'Data of Specified Input', value: 'specifiedInput' },
					{ name: 'A Single, Empty Item', value: 'empty' },
				],
				default: 'specifiedInput',
				displayOptions: { show: { mode: ['chooseBranch'], chooseBranchMode: ['waitForAll'] } },
			},
			{
				displayName: 'Use Data of Input',
				name: 'useDataOfInput',
				type: 'number',
				default: 1,
				displayOptions: { show: { mode: ['chooseBranch'], output: ['specifiedInput'] } },
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		if (mode !== 'chooseBranch') {
			throw new NodeOperationError(this.getNode(), `The harness's Merge stand-in runs mode "chooseBranch" only, not "${mode}"`);
		}
		const inputs = [0, 1].map((index) => {
			try {
				return this.getInputData(index);
			} catch {
				return [];
			}
		});
		if (this.getNodeParameter('output', 0) === 'empty') {
			return [[{ json: {}, pairedItem: inputs.flatMap((items, input) => items.map((_, item) => ({ item, input }))) }]];
		}
		const use = this.getNodeParameter('useDataOfInput', 0) as number;
		if (use < 1 || use > inputs.length) throw new NodeOperationError(this.getNode(), `Input ${use} doesn't exist`);
		return [inputs[use - 1]];
	}
}
