import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from '../../sandbox';
import { CredentialStore, runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

/** A sandbox for one test file, fresh state before each test. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0, ...options });
	});
	beforeEach(() => {
		sandbox?.reset();
		sandbox?.clearRequests();
	});
	afterAll(async () => await sandbox?.close());
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running');
		return sandbox;
	};
}

export function falconCredential(sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret, ...extra };
}

export function falconStore(sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): CredentialStore {
	return new CredentialStore({ crowdStrikeFalconApi: falconCredential(sandbox, extra) });
}

/** What the API received, without token calls and the sandbox's own controls. */
export function apiCalls(sandbox: Sandbox, path?: string | RegExp): RequestLogEntry[] {
	return sandbox.requests.filter(
		(request) =>
			!request.path.startsWith('/_sandbox') &&
			!request.path.startsWith('/oauth2/') &&
			(path === undefined || (typeof path === 'string' ? request.path === path : path.test(request.path))),
	);
}

export function tokenCalls(sandbox: Sandbox): RequestLogEntry[] {
	return sandbox.requests.filter((request) => request.path === '/oauth2/token');
}

export type NodeRun = Omit<RunNodeOptions, 'type' | 'parameters' | 'input'> & { input?: RunNodeOptions['input'] };

/** Runs a Falcon node against the sandbox; credentials default to a fresh store for it. */
export async function runFalcon(
	sandbox: Sandbox,
	type: string,
	parameters: INodeParameters,
	options: NodeRun = {},
): Promise<RunNodeResult> {
	return await runNode({ type, parameters, credentials: falconStore(sandbox), ...options });
}

export const json = (result: RunNodeResult): IDataObject[] => result.items.map((item) => item.json);

export const pairedItems = (result: RunNodeResult): unknown[] => result.items.map((item) => item.pairedItem);

/** Everything a user could see of a run, as one string: to check that no secret shows anywhere. */
export function visible(result: RunNodeResult): string {
	return JSON.stringify({ items: result.items, error: result.error, logs: result.logs });
}
