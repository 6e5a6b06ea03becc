import type { Sandbox } from '../../sandbox';
import { toBinary, type InputItem } from '../harness';

export { apiRequests, falconCredentials, run } from '../quick-scan/helpers';

export const QUICK_SCAN_PRO = 'crowdStrikeFalconQuickScanPro';

/** An input item carrying a file in a binary field. */
export function fileItem(content: Buffer | string, fileName: string, field = 'data'): InputItem {
	return { json: { fileName }, binary: { [field]: toBinary(content, { fileName }) } };
}

/** The requests of one Quick Scan Pro operation the sandbox received. */
export function requestsOf(sandbox: Sandbox, operation: string) {
	return sandbox.requests.filter((request) => request.operation === operation && request.status !== 401);
}
