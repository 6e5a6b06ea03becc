import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode, type RunNodeResult } from '../harness';
import type { InputItem } from '../harness';
import type { RequestLogEntry, Sandbox } from '../../sandbox';

export const ORION_API = '/orion/api/v1/applications';
export const CREDENTIAL_REF = { id: 'orion-sandbox', name: 'Orion sandbox' };

/** The "Cytomic Orion API" credential pointed at the sandbox. */
export function orionCredential(sb: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		authUrl: `${sb.url}/orion/oauth/token`,
		baseUrl: `${sb.url}${ORION_API}`,
		clientId: sb.orion.clientId,
		clientSecret: sb.orion.clientSecret,
		username: sb.orion.username,
		password: sb.orion.password,
		...overrides,
	};
}

export function orionStore(sb: Sandbox, overrides: ICredentialDataDecryptedObject = {}): CredentialStore {
	const store = new CredentialStore();
	store.add('cytomicOrionApi', orionCredential(sb, overrides), CREDENTIAL_REF);
	return store;
}

export interface OrionRun {
	parameters: INodeParameters;
	input?: InputItem[];
	store?: CredentialStore;
	continueOnFail?: boolean;
}

export async function runOrion(sb: Sandbox, run: OrionRun): Promise<RunNodeResult & { store: CredentialStore }> {
	const store = run.store ?? orionStore(sb);
	const result = await runNode({
		type: 'cytomicOrion',
		parameters: { resource: 'ioc', ...run.parameters },
		input: run.input,
		credentials: store,
		continueOnFail: run.continueOnFail,
	});
	return { ...result, store };
}

export const apiCalls = (sb: Sandbox): RequestLogEntry[] => sb.requests.filter((r) => r.path.startsWith(ORION_API));
export const tokenCalls = (sb: Sandbox): RequestLogEntry[] => sb.requests.filter((r) => r.path === '/orion/oauth/token');

export const jsonOf = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);
export const pairs = (items: INodeExecutionData[]): unknown[] => items.map((item) => item.pairedItem);

/** Everything secret this test's credential holds: the client secret, the password, and any token it was given. */
export function secretsOf(sb: Sandbox, store?: CredentialStore): string[] {
	const tokens = (store?.all() ?? []).map((entry) => entry.data.accessToken).filter((token): token is string => typeof token === 'string' && token !== '');
	return [sb.orion.clientSecret, sb.orion.password, ...tokens];
}

/** Fails when a secret appears in what a user or a log could see. */
export function expectNoSecrets(sb: Sandbox, result: Partial<RunNodeResult>, store?: CredentialStore): void {
	const visible = JSON.stringify({ items: result.items, outputs: result.outputs, error: result.error, logs: result.logs, runData: result.runData });
	for (const secret of secretsOf(sb, store)) expect(visible).not.toContain(secret);
}

export const MD5_A = '0123456789abcdef0123456789abcdef';
export const MD5_B = 'fedcba9876543210fedcba9876543210';

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
