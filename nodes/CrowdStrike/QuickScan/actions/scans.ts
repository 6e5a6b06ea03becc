import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../common/transport';
import { getScans, quotaOf, scanSamples } from '../../api/quick-scan';
import type { FalconClient } from '../../transport';
import { numberOption } from './schemas';
import { sleepUnlessCancelled } from '../../../common/sleep';

export { SCAN_IDS_PER_REQUEST, getScans, quotaOf } from '../../api/quick-scan';

export interface Polling {
	intervalMs: number;
	timeoutMs: number;
	onTimeout: 'error' | 'output';
}

/** How a "wait for the verdict" operation polls: shown in its Options. */
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

/** ScanSamples: one volume of uploaded samples. Answers the scan ID and the quota. */
export async function submitScan(client: FalconClient, ctx: IExecuteFunctions, samples: string[]): Promise<{ scanId: string; quota?: IDataObject }> {
	const answer = await scanSamples(client, samples);
	const scanId = (answer.resources ?? [])[0];
	if (typeof scanId !== 'string' || scanId === '') {
		throw apiError(ctx.getNode(), { message: 'CrowdStrike accepted the scan but answered no scan ID', vendor: 'CrowdStrike', traceId: answer.meta.trace_id });
	}
	return { scanId, quota: quotaOf(answer.meta) };
}

export interface WaitedScan {
	scan: IDataObject;
	quota?: IDataObject;
	timedOut: boolean;
}

/**
 * Polls GetScans until the scan is `done` (other statuses are not documented: anything else counts
 * as still running) or the timeout passes. Waits with n8n's sleep, and stops when the execution is
 * cancelled.
 */
export async function waitForScan(ctx: IExecuteFunctions, client: FalconClient, scanId: string, polling: Polling): Promise<WaitedScan> {
	const deadline = Date.now() + polling.timeoutMs;
	for (;;) {
		const { scans, quota } = await getScans(client, [scanId]);
		const scan = scans.find((record) => String(record.id).toLowerCase() === scanId.toLowerCase());
		if (!scan) throw apiError(ctx.getNode(), { message: `CrowdStrike does not know the scan ${scanId} it just accepted`, statusCode: 404 });
		if (scan.status === 'done') return { scan, quota, timedOut: false };
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { scan, quota, timedOut: true };
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

/** Verdicts that mean "do not trust this file". Falcon's clean verdict is `clean`. */
const MALICIOUS_VERDICT = /malware|malicious|suspicious/i;

export function isMaliciousVerdict(verdict: unknown): boolean {
	return typeof verdict === 'string' && MALICIOUS_VERDICT.test(verdict);
}

/** One sample's outcome in a scan: its verdict, whether that means malicious, and its error. */
export function sampleVerdict(scan: IDataObject, sha256: string): IDataObject {
	const samples = (scan.samples as IDataObject[] | undefined) ?? [];
	const sample = samples.find((entry) => String(entry.sha256).toLowerCase() === sha256) ?? {};
	return {
		sha256,
		verdict: sample.verdict ?? null,
		malicious: isMaliciousVerdict(sample.verdict),
		...(sample.error ? { scanError: sample.error } : {}),
	};
}
