/**
 * The engine's own cost, in-process: a probe node that does nothing but read the same two
 * per-item parameters our node reads (`={{ $json.type }}`, `={{ $json.value }}`) for every item,
 * inside n8n-core's WorkflowExecute. No node that maps fields with expressions can go below this.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { performance } from 'perf_hooks';

import { runNode } from '../../test/harness';
import { itemsHeapMb, maxRssMb, readJob, rssMb, writeResult } from '../lib/child';
import { SCENARIOS, inputItems } from '../lib/scenarios';

class ExpressionProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Expression Probe',
		name: 'benchExpressionProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads Type and Value for every item',
		defaults: { name: 'Expression Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Type', name: 'type', type: 'string', default: '' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	} as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, index) => ({
				json: { type: this.getNodeParameter('type', index) as string, value: this.getNodeParameter('value', index) as string },
				pairedItem: { item: index },
			})),
		];
	}
}

async function main(): Promise<void> {
	const job = readJob();
	const scenario = SCENARIOS.find((s) => s.id === job.scenario)!;
	const input = inputItems(scenario);
	const startRssMb = rssMb();
	const started = performance.now();
	const result = await runNode({
		type: 'benchExpressionProbe',
		nodeName: 'Probe',
		extraNodeTypes: [ExpressionProbe],
		parameters: { type: '={{ $json.type }}', value: '={{ $json.value }}' },
		input,
	});
	const totalMs = performance.now() - started;
	writeResult(job, {
		wallMs: result.runData.Probe?.[0]?.executionTime ?? totalMs,
		totalMs,
		outputItems: result.items.length,
		failedItems: result.error ? scenario.items : 0,
		peakRssMb: maxRssMb(),
		startRssMb,
		itemsMb: scenario.items > 1 ? { input: itemsHeapMb(input), output: itemsHeapMb(result.items) } : undefined,
		...(result.error ? { error: result.error.message } : {}),
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
