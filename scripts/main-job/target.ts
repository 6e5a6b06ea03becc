import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';

/** Where the demo runs: the embedded sandbox, or a real Falcon tenant from the environment. */
export interface Target {
	kind: 'sandbox' | 'tenant';
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Whether write operations may run (always on the sandbox; on a tenant only when asked). */
	writes: boolean;
	describe: string;
	sandbox?: Sandbox;
	close(): Promise<void>;
}

export async function chooseTarget(env: NodeJS.ProcessEnv): Promise<Target> {
	if (env.FALCON_CLIENT_ID && env.FALCON_CLIENT_SECRET) {
		// Only Falcon workflows run against a tenant: Orion needs its own credentials, so its demo is left out.
		const cloud = env.FALCON_BASE_URL ? 'custom' : (env.FALCON_CLOUD ?? 'autodiscover');
		const writes = env.FALCON_ALLOW_WRITES === '1';
		return {
			kind: 'tenant',
			credentials: {
				crowdStrikeFalconApi: {
					cloud,
					customBaseUrl: env.FALCON_BASE_URL ?? '',
					clientId: env.FALCON_CLIENT_ID,
					clientSecret: env.FALCON_CLIENT_SECRET,
					memberCid: env.FALCON_MEMBER_CID ?? '',
				},
			},
			writes,
			describe: `your Falcon tenant (cloud: ${cloud}; ${writes ? 'writes ALLOWED' : 'read-only: write steps are skipped, set FALCON_ALLOW_WRITES=1 to run them'})`,
			close: async () => {},
		};
	}
	const sandbox = await startSandbox({ seed: 'demo' });
	const credentials: Target['credentials'] = {
		crowdStrikeFalconApi: { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret },
	};
	credentials.cytomicOrionApi = {
		authUrl: `${sandbox.url}/orion/oauth/token`,
		baseUrl: `${sandbox.url}/orion/api/v1/applications`,
		...sandbox.orion,
	};
	return {
		kind: 'sandbox',
		credentials,
		writes: true,
		describe: `the embedded sandbox at ${sandbox.url}`,
		sandbox,
		close: async () => await sandbox.close(),
	};
}
