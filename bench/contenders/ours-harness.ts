/**
 * Contender "ours (engine)": our CrowdStrike Falcon IOC node inside n8n-core's WorkflowExecute
 * (the test harness), in this process. Wall time = the node's executionTime as n8n records it.
 */
import { performance } from 'perf_hooks';

import { runNode } from '../../test/harness';
import { itemsHeapMb, maxRssMb, readJob, rssMb, writeResult } from '../lib/child';
import { SCENARIOS, inputItems } from '../lib/scenarios';
import { OURS_NODE, isFailedItem, oursParameters } from '../lib/workflows';

async function main(): Promise<void> {
	const job = readJob();
	const scenario = SCENARIOS.find((s) => s.id === job.scenario)!;
	const input = scenario.items > 1 ? inputItems(scenario) : [{ json: {} }];
	const startRssMb = rssMb();
	const started = performance.now();
	const result = await runNode({
		type: 'crowdStrikeFalconIoc',
		nodeName: OURS_NODE,
		parameters: oursParameters(scenario),
		input,
		credentials: {
			crowdStrikeFalconApi: {
				cloud: 'custom',
				customBaseUrl: job.sandbox.url,
				clientId: job.sandbox.clientId,
				clientSecret: job.sandbox.clientSecret,
			},
		},
		continueOnFail: true,
		timeoutMs: 600_000,
	});
	const totalMs = performance.now() - started;
	const nodeRun = result.runData[OURS_NODE]?.[0];
	const failed = result.items.filter((item) => isFailedItem(item.json)).length;
	writeResult(job, {
		wallMs: nodeRun?.executionTime ?? totalMs,
		startedAtMs: nodeRun?.startTime,
		totalMs,
		outputItems: result.items.length,
		failedItems: result.error ? Math.max(failed, scenario.items) : failed,
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
