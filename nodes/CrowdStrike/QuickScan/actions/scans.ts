import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError } from '../../../common/transport';
import { getScans, quotaOf, scanSamples } from '../../api/quick-scan';
import { pollUntilDone, type Polling } from '../../shared/scan-polling';
import { isMaliciousVerdict } from '../../shared/verdicts';
import type { FalconClient } from '../../transport';

export { SCAN_IDS_PER_REQUEST, getScans, quotaOf } from '../../api/quick-scan';

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
 * as still running) or the timeout passes.
 */
export async function waitForScan(ctx: IExecuteFunctions, client: FalconClient, scanId: string, polling: Polling): Promise<WaitedScan> {
	const { value, timedOut } = await pollUntilDone(ctx, polling, async () => {
		const { scans, quota } = await getScans(client, [scanId]);
		const scan = scans.find((record) => String(record.id).toLowerCase() === scanId.toLowerCase());
		if (!scan) throw apiError(ctx.getNode(), { message: `CrowdStrike does not know the scan ${scanId} it just accepted`, statusCode: 404 });
		return { done: scan.status === 'done', value: { scan, quota } };
	});
	return { ...value, timedOut };
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
