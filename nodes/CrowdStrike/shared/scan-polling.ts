import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import { sleepUnlessCancelled } from '../../common/sleep';
import { numberOption } from '../../common/validation';

/** How a "wait for the verdict" operation polls (Quick Scan and Quick Scan Pro alike). */
export interface Polling {
	intervalMs: number;
	timeoutMs: number;
	onTimeout: 'error' | 'output';
}

/** The polling options of an operation that waits for a verdict: shown in its Options. */
export function pollingOptions(): INodeProperties[] {
	return [
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			options: [
				{ name: 'Fail With an Error', value: 'error', description: 'The error names the scan ID, to fetch the result later with Scan → Get' },
				{ name: 'Output the Pending Scan', value: 'output', description: 'Output the scan ID and status with timedOut set, so a later node can fetch it' },
			],
			default: 'error',
			description: 'What to do when the scan is not done within the timeout',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 5,
			description: 'How long to wait between two status checks of the scan',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'pollTimeout',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 120,
			description: 'How long to wait for the scan to be done. Falcon usually needs less than a minute.',
		},
	];
}

/** The polling options of an item, checked (Poll Interval at least 0.1 s, Timeout at least 0 s). */
export function readPolling(node: INode, options: IDataObject, itemIndex: number): Polling {
	return {
		intervalMs: numberOption(node, options.pollInterval, itemIndex, 'Poll Interval (Seconds)', { min: 0.1, max: 3600, fallback: 5 }) * 1000,
		timeoutMs: numberOption(node, options.pollTimeout, itemIndex, 'Timeout (Seconds)', { min: 0, max: 86_400, fallback: 120 }) * 1000,
		onTimeout: options.onTimeout === 'output' ? 'output' : 'error',
	};
}

/**
 * Asks `check` until it answers done or the timeout passes, waiting the poll interval in between
 * with n8n's sleep; stops when the execution is cancelled. Answers the last answer and whether
 * time ran out.
 */
export async function pollUntilDone<T>(
	ctx: IExecuteFunctions,
	polling: Polling,
	check: () => Promise<{ done: boolean; value: T }>,
): Promise<{ value: T; timedOut: boolean }> {
	const deadline = Date.now() + polling.timeoutMs;
	for (;;) {
		const { done, value } = await check();
		if (done) return { value, timedOut: false };
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { value, timedOut: true };
		await sleepUnlessCancelled(Math.min(polling.intervalMs, remaining), ctx.getExecutionCancelSignal());
	}
}

/** The error of a scan that was not done in time: it names the scan ID so the result can be fetched later. */
export function scanTimeoutError(ctx: IExecuteFunctions, scanId: string, status: unknown, polling: Polling, itemIndex: number): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Scan ${scanId} was not done after ${polling.timeoutMs / 1000} s (status "${String(status ?? 'unknown')}")`,
		{
			itemIndex,
			description: `Falcon is still scanning. Fetch the result later with Scan → Get and the scan ID ${scanId}, raise the Timeout, or set On Timeout to "Output the Pending Scan" to get the scan ID as data.`,
		},
	);
	error.context.scanId = scanId;
	return error;
}
