import type { Sandbox } from '../../sandbox';
import { CredentialStore, runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

export const QUICK_SCAN = 'crowdStrikeFalconQuickScan';
export const QUARANTINE = 'crowdStrikeFalconQuarantine';

/** A credential store with the Falcon credential of this sandbox; the token it fetches is reused by later runs. */
export function falconCredentials(sandbox: Sandbox): CredentialStore {
	const store = new CredentialStore();
	store.add(
		'crowdStrikeFalconApi',
		{ cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret },
		{ id: 'falcon-sandbox', name: 'Falcon sandbox' },
	);
	return store;
}

/**
 * The API requests the sandbox received, without the token calls and without the attempts it
 * refused with 401 (after `sandbox.reset()` the cached token is unknown: n8n fetches a new one and
 * sends the same request again).
 */
export function apiRequests(sandbox: Sandbox) {
	return sandbox.requests.filter((request) => !request.path.startsWith('/oauth2/') && request.status !== 401);
}

/** Runs one node of this package inside n8n's WorkflowExecute. */
export async function run(
	credentials: CredentialStore,
	type: string,
	parameters: RunNodeOptions['parameters'],
	extra: Partial<RunNodeOptions> = {},
): Promise<RunNodeResult> {
	return await runNode({ type, parameters, credentials, ...extra });
}
