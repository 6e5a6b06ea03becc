import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Minimal `n8n-nodes-base.code` (nodes-base is not installed): JavaScript, "Run Once for All
 * Items", with `$input.all()`, `$input.first()` and `items`; it returns items (`{json}`) or plain
 * objects, as n8n's Code node accepts. Only for the harness's own workflows and the examples: it
 * runs the code in this process, without n8n's sandbox.
 */
export class Code implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Code',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		description: 'Run custom JavaScript code',
		defaults: { name: 'Code' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'runOnceForAllItems' },
			{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('mode', 0) !== 'runOnceForAllItems') throw new Error('The harness Code node runs only "Run Once for All Items"');
		const items = this.getInputData();
		const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
		const run = new Function('$input', 'items', `return (async () => {\n${String(this.getNodeParameter('jsCode', 0))}\n})();`) as (
			input: typeof $input,
			all: INodeExecutionData[],
		) => Promise<unknown>;
		const returned = await run($input, items);
		const list = (Array.isArray(returned) ? returned : [returned]) as Array<IDataObject | INodeExecutionData>;
		return [list.map((entry, index) => ({ json: ('json' in entry ? entry.json : entry) as IDataObject, pairedItem: { item: Math.min(index, Math.max(0, items.length - 1)) } }))];
	}
}
