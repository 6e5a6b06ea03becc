/**
 * Reading Quick Scan Pro's scan results (quickscanpro.GetScanResultResource: `id`, `scan`
 * {sha256, status, created/updated_timestamp, errors}, `result` {verdict, verdict_reason,
 * malicious_confidence, file_artifacts, …}), and waiting for them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError } from '../../../common/transport';
import { getScanResults } from '../../api/quick-scan-pro';
import { pollUntilDone, scanTimeoutError, type Polling } from '../../shared/scan-polling';
import { isMaliciousVerdict } from '../../shared/verdicts';
import type { FalconClient } from '../../transport';

/** Statuses after which a scan no longer changes: `done`, or a failure. Anything else is still running. */
const FAILED = /^(failed|error)$/i;

function part(resource: IDataObject, key: 'scan' | 'result'): IDataObject {
	const value = resource[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function statusOf(resource: IDataObject): string | undefined {
	const status = part(resource, 'scan').status;
	return typeof status === 'string' ? status : undefined;
}

export function isFinished(resource: IDataObject): boolean {
	const status = statusOf(resource) ?? '';
	return status.toLowerCase() === 'done' || FAILED.test(status);
}

/** Why a scan failed (its status or its `scan.errors`), or undefined when it did not. */
export function scanFailure(resource: IDataObject): string | undefined {
	const status = statusOf(resource) ?? '';
	if (!FAILED.test(status)) return undefined;
	const errors = (part(resource, 'scan').errors as IDataObject[] | undefined) ?? [];
	const messages = errors.map((error) => [error.code, error.message].filter(Boolean).join(': ')).filter(Boolean);
	return messages.length > 0 ? messages.join('; ') : `status "${status}"`;
}

/** The names of the malware families a result names (quickscanpro.MalwareFamily). */
function familiesOf(result: IDataObject): unknown[] {
	return ((result.malware_families as IDataObject[] | undefined) ?? []).map((family) => family.name).filter(Boolean);
}

/** The verdict an analyst reads: the verdict, whether it means "do not trust this file", and why. */
export function verdictOf(resource: IDataObject): IDataObject {
	const result = part(resource, 'result');
	return {
		sha256: part(resource, 'scan').sha256 ?? null,
		verdict: result.verdict ?? null,
		malicious: isMaliciousVerdict(result.verdict),
		verdictReason: result.verdict_reason ?? null,
		maliciousConfidence: result.malicious_confidence ?? null,
		malwareFamilies: familiesOf(result),
		fileType: result.file_type_short ?? result.file_type ?? null,
	};
}

/** A scan result with the fields a workflow usually needs; the raw one also has artifacts, MITRE ATT&CK, YARA rules… */
export function simplifyScanResult(resource: IDataObject): IDataObject {
	const scan = part(resource, 'scan');
	const result = part(resource, 'result');
	const simple: IDataObject = { id: resource.id, sha256: scan.sha256, status: scan.status };
	for (const key of ['verdict', 'verdict_reason', 'malicious_confidence', 'file_type', 'file_type_short', 'file_size', 'mime_type'] as const) {
		if (result[key] !== undefined) simple[key] = result[key];
	}
	simple.malicious = isMaliciousVerdict(result.verdict);
	simple.malware_families = familiesOf(result);
	for (const key of ['created_timestamp', 'updated_timestamp', 'errors'] as const) if (scan[key] !== undefined) simple[key] = scan[key];
	return simple;
}

export interface WaitedScans {
	/** The last answer for each scan ID (lower case). */
	results: Map<string, IDataObject>;
	timedOut: boolean;
}

/**
 * Polls GetScanResult for the scans (all in as few requests as the API allows) until every one is
 * finished or the timeout passes. A scan the API no longer knows fails the wait.
 */
export async function waitForScans(ctx: IExecuteFunctions, client: FalconClient, scanIds: string[], polling: Polling): Promise<WaitedScans> {
	const results = new Map<string, IDataObject>();
	const { timedOut } = await pollUntilDone(ctx, polling, async () => {
		const pending = scanIds.filter((id) => !results.has(id.toLowerCase()) || !isFinished(results.get(id.toLowerCase()) as IDataObject));
		const answer = await getScanResults(client, pending);
		const answered = new Set<string>();
		for (const resource of answer.resources ?? []) {
			answered.add(String(resource.id).toLowerCase());
			results.set(String(resource.id).toLowerCase(), resource);
		}
		const lost = pending.filter((id) => !answered.has(id.toLowerCase()));
		if (lost.length > 0) {
			throw apiError(ctx.getNode(), {
				message: `CrowdStrike does not know the scan ${lost.join(', ')} it launched`,
				vendor: 'CrowdStrike',
				traceId: answer.meta.trace_id,
				statusCode: 404,
			});
		}
		return { done: scanIds.every((id) => isFinished(results.get(id.toLowerCase()) as IDataObject)), value: undefined };
	});
	return { results, timedOut };
}

export interface LaunchedScan {
	scanId: string;
	sha256: string;
	fileName?: string;
}

/**
 * What one launched scan gives its item once the wait is over: its verdict (the raw result too
 * unless simplified); a scan still running fails the item naming the scan ID, or is output as
 * pending (On Timeout); a scan that failed fails the item with CrowdStrike's reason.
 */
export function scanOutcome(
	ctx: IExecuteFunctions,
	waited: WaitedScans,
	launched: LaunchedScan,
	settings: { polling: Polling; simplify: boolean; quota?: IDataObject },
	itemIndex: number,
): IDataObject | Error {
	const { scanId, sha256, fileName } = launched;
	const resource = waited.results.get(scanId.toLowerCase()) ?? {};
	const common = { ...(fileName !== undefined ? { fileName } : {}), scanId, status: statusOf(resource) ?? null, ...(settings.quota ? { quota: settings.quota } : {}) };
	if (!isFinished(resource)) {
		if (settings.polling.onTimeout === 'error') return scanTimeoutError(ctx, scanId, statusOf(resource), settings.polling, itemIndex);
		return { sha256, ...common, timedOut: true };
	}
	const failure = scanFailure(resource);
	if (failure !== undefined) {
		const error = apiError(ctx.getNode(), { message: `The scan ${scanId} of ${sha256} failed: ${failure}`, vendor: 'CrowdStrike' });
		error.context.itemIndex = itemIndex;
		return error;
	}
	const scanErrors = part(resource, 'scan').errors as IDataObject[] | undefined;
	return {
		...verdictOf(resource),
		sha256,
		...common,
		...(scanErrors && scanErrors.length > 0 ? { scanErrors } : {}),
		...(settings.simplify ? {} : { result: resource }),
	};
}
