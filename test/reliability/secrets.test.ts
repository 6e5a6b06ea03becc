/**
 * Secrets: every node and every credential path, good and failing, is run against the sandbox and
 * what it shows (items, errors with their causes, logs) is checked for the client secrets,
 * passwords and every token the sandbox issued. The same check runs on every harness run of the
 * whole suite (test/reliability/secret-scan/setup.ts); this file makes sure that check has the
 * failure paths to look at, and that it does catch a secret.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';
import { CredentialStore, runNode, testCredential, toBinary, type RunNodeResult } from '../harness';
import { SecretRegistry, visibleText, type Finding } from './secret-scan/scanner';

const FALCON = 'crowdStrikeFalconApi';
const ORION = 'cytomicOrionApi';
const fast = { maxRetries: 1, maxWaitSeconds: 5, retryBaseMs: 10, timeout: 2000 };
const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';
const sha = (n: number) => `5ec0${n.toString(16).padStart(60, '0')}`;
let created = 1;

interface ScanState {
	registry: SecretRegistry;
	pending: Finding[];
	findings: Finding[];
	tokensIssued: number;
}
const scanState = (globalThis as { __edrSoarSecretScan?: ScanState }).__edrSoarSecretScan;

let sandbox: Sandbox;
/** Every secret any run of this file could show, and every token the sandbox handed out. */
const secrets = new Set<string>();
const issuedTokens = new Set<string>();
let closedPort = 0;

beforeAll(async () => {
	sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
	const probe = await startSandbox();
	closedPort = probe.port;
	await probe.close();
	for (const secret of [sandbox.falcon.clientSecret, sandbox.orion.clientSecret, sandbox.orion.password, WRONG_SECRET, WRONG_PASSWORD]) secrets.add(secret);
	// The sandbox's own record of its tokens, next to the setup file's.
	for (const store of [sandbox.state.falconAuth.tokens, sandbox.state.orion.tokens] as Array<{ issue: (...args: never[]) => { token: string } }>) {
		const issue = store.issue.bind(store);
		store.issue = (...args: never[]) => {
			const issued = issue(...args);
			issuedTokens.add(issued.token);
			return issued;
		};
	}
});
beforeEach(() => {
	sandbox.reset();
	Object.assign(sandbox.config.faults, { rate5xx: 0, rateDrop: 0, rateSlow: 0, rateMalformed: 0, rate429: 0, includeTokenCalls: false, paths: undefined });
	sandbox.config.redirectTokenTo = null;
});
afterAll(async () => await sandbox?.close());

const WRONG_SECRET = 'wrong-client-secret-9f3a7c21e4';
const WRONG_PASSWORD = 'wrong-orion-password-41b8de';

function falconData(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret, ...extra };
}

function orionData(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		authUrl: `${sandbox.url}/orion/oauth/token`,
		baseUrl: `${sandbox.url}/orion/api/v1/applications`,
		clientId: sandbox.orion.clientId,
		clientSecret: sandbox.orion.clientSecret,
		username: sandbox.orion.username,
		password: sandbox.orion.password,
		...extra,
	};
}

function store(type: string, data: ICredentialDataDecryptedObject): CredentialStore {
	const s = new CredentialStore();
	s.add(type, data, { id: `${type}-1`, name: type });
	return s;
}

/** The secrets a run could show: the fixed ones, the tokens issued so far, and what the store holds now. */
function expectNoSecret(what: unknown, used?: CredentialStore) {
	const all = new Set([...secrets, ...issuedTokens]);
	for (const entry of used?.all() ?? []) {
		for (const [key, value] of Object.entries(entry.data)) if (/secret|password|token/i.test(key) && typeof value === 'string' && value.length >= 8) all.add(value);
	}
	const text = visibleText(what);
	const shown = [...all].filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 3)}…`);
	expect(shown).toEqual([]);
}

interface NodeCase {
	name: string;
	type: string;
	credential: typeof FALCON | typeof ORION;
	/** A function when each run needs its own values (a create must not meet its own indicator). */
	parameters: Record<string, unknown> | (() => Record<string, unknown>);
	input?: RunNodeResult['items'] | Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }>;
}

/** One read or write of every node. */
const NODES: NodeCase[] = [
	{ name: 'IOC: create', type: 'crowdStrikeFalconIoc', credential: FALCON, parameters: () => ({ resource: 'indicator', operation: 'create', type: 'sha256', value: sha(created++), action: 'detect', severity: 'low', platforms: ['windows'], appliedGlobally: true }) },
	{ name: 'IOC: device count', type: 'crowdStrikeFalconIoc', credential: FALCON, parameters: { resource: 'device', operation: 'count', type: 'md5', value: EICAR_MD5 } },
	{ name: 'IOC: get many', type: 'crowdStrikeFalconIoc', credential: FALCON, parameters: { resource: 'indicator', operation: 'getMany', limit: 3 } },
	{ name: 'IOCs (Legacy): get', type: 'crowdStrikeFalconIocs', credential: FALCON, parameters: { resource: 'ioc', operation: 'get', type: 'md5', value: EICAR_MD5 } },
	{ name: 'IOCs (Legacy): device count', type: 'crowdStrikeFalconIocs', credential: FALCON, parameters: { resource: 'device', operation: 'count', type: 'md5', value: EICAR_MD5 } },
	{
		name: 'Quick Scan: upload',
		type: 'crowdStrikeFalconQuickScan',
		credential: FALCON,
		parameters: { resource: 'sample', operation: 'upload', binaryPropertyName: 'data' },
		input: [{ json: {}, binary: { data: toBinary('not malware, only a test', { fileName: 'a.txt' }) } }],
	},
	{ name: 'Quick Scan: scans', type: 'crowdStrikeFalconQuickScan', credential: FALCON, parameters: { resource: 'scan', operation: 'getMany', limit: 2 } },
	{
		name: 'Quick Scan Pro: upload and scan',
		type: 'crowdStrikeFalconQuickScanPro',
		credential: FALCON,
		parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data', options: { startScan: true } },
		input: [{ json: {}, binary: { data: toBinary('not malware, only a test', { fileName: 'a.txt' }) } }],
	},
	{ name: 'Quick Scan Pro: scans', type: 'crowdStrikeFalconQuickScanPro', credential: FALCON, parameters: { resource: 'scan', operation: 'getMany', limit: 2 } },
	{ name: 'Quarantine: get many', type: 'crowdStrikeFalconQuarantine', credential: FALCON, parameters: { resource: 'quarantinedFile', operation: 'getMany', limit: 2 } },
	{ name: 'Orion: import', type: 'cytomicOrion', credential: ORION, parameters: { resource: 'ioc', operation: 'import', iocType: 'FileHashIoc', values: EICAR_MD5, daysToExpiration: 5, retrospective: false } },
	{ name: 'Orion: look up', type: 'cytomicOrion', credential: ORION, parameters: { resource: 'ioc', operation: 'getManyByAttributes', iocType: 'FileHashIoc', values: EICAR_MD5 } },
];

async function run(node: NodeCase, credentials: CredentialStore, continueOnFail = false): Promise<RunNodeResult> {
	const result = await runNode({
		type: node.type,
		parameters: { ...(typeof node.parameters === 'function' ? node.parameters() : node.parameters), requestOptions: fast },
		input: node.input as never,
		credentials,
		continueOnFail,
	});
	expectNoSecret(result, credentials);
	return result;
}

const good = (node: NodeCase) => store(node.credential, node.credential === FALCON ? falconData() : orionData());

describe('Secrets: every node, working', () => {
	it.each(NODES.map((node) => [node.name, node]))('%s runs, and its output and logs hold no secret', async (_name, node) => {
		const credentials = good(node);
		const result = await run(node, credentials);
		expect(result.error).toBeUndefined();
		// The run did get a token, which the check above looked for.
		expect(issuedTokens.size).toBeGreaterThan(0);
	});
});

describe('Secrets: failing credentials', () => {
	it.each(NODES.map((node) => [node.name, node]))('%s: a wrong secret fails without showing it', async (_name, node) => {
		const data = node.credential === FALCON ? falconData({ clientSecret: WRONG_SECRET }) : orionData({ clientSecret: WRONG_SECRET });
		const result = await run(node, store(node.credential, data));
		expect(result.error?.message).toBeTruthy();
		// And as an error item, with continueOnFail.
		const item = await run(node, store(node.credential, data), true);
		expect(item.error).toBeUndefined();
		expect(item.items[0]?.json.error).toBeTruthy();
	});

	it('Orion: a wrong password fails without showing it', async () => {
		const node = NODES.find((n) => n.name === 'Orion: look up') as NodeCase;
		const result = await run(node, store(ORION, orionData({ password: WRONG_PASSWORD })));
		expect(result.error?.message).toBeTruthy();
	});

	it.each(NODES.map((node) => [node.name, node]))('%s: a refused connection fails without showing secrets', async (_name, node) => {
		const base = `http://127.0.0.1:${closedPort}`;
		const data =
			node.credential === FALCON
				? falconData({ customBaseUrl: base })
				: orionData({ authUrl: `${base}/orion/oauth/token`, baseUrl: `${base}/orion/api/v1/applications` });
		const result = await run(node, store(node.credential, data));
		expect(result.error?.message).toBeTruthy();
	});

	it.each(NODES.map((node) => [node.name, node]))('%s: after the token is revoked, the 401 is renewed through without showing either token', async (_name, node) => {
		const credentials = good(node);
		await run(node, credentials);
		const before = credentials.all()[0].data;
		sandbox.expireTokens();
		const again = await run(node, credentials);
		expect(again.error).toBeUndefined();
		expectNoSecret(again, store(node.credential, before));
	});

	it.each(NODES.map((node) => [node.name, node]))('%s: a revoked token whose renewal is refused fails without showing either', async (_name, node) => {
		const credentials = good(node);
		await run(node, credentials);
		sandbox.expireTokens();
		const stored = credentials.all()[0];
		credentials.patch(stored.id, { clientSecret: WRONG_SECRET });
		const result = await run(node, credentials);
		expect(result.error?.message).toBeTruthy();
	});

	it.each(
		NODES.filter((node) => node.credential === FALCON).flatMap((node) =>
			(['rate5xx', 'rateMalformed', 'rateDrop'] as const).map((fault) => [`${node.name}, token call ${fault}`, node, fault] as const),
		),
	)('%s: a broken token answer fails without showing secrets', async (_name, node, fault) => {
		Object.assign(sandbox.config.faults, { [fault]: 1, includeTokenCalls: true, paths: ['/oauth2/'] });
		const result = await run(node, good(node));
		expect(result.error?.message).toBeTruthy();
	});

	it('Falcon: a token redirect to another loopback host keeps secrets out of the output', async () => {
		const other = await startSandbox({ badTokenRateLimitPerMinute: 0 });
		try {
			sandbox.config.redirectTokenTo = other.url;
			const node = NODES[1];
			const result = await run(node, good(node));
			expectNoSecret(result);
		} finally {
			await other.close();
		}
	});
});

describe('Secrets: credential tests', () => {
	it.each([
		['Falcon, good', FALCON, () => falconData(), 'OK'],
		['Falcon, wrong secret', FALCON, () => falconData({ clientSecret: WRONG_SECRET }), 'Error'],
		['Falcon, refused', FALCON, () => falconData({ customBaseUrl: `http://127.0.0.1:${closedPort}` }), 'Error'],
		['Orion, good', ORION, () => orionData(), 'OK'],
		['Orion, wrong secret', ORION, () => orionData({ clientSecret: WRONG_SECRET }), 'Error'],
		['Orion, wrong password', ORION, () => orionData({ password: WRONG_PASSWORD }), 'Error'],
		['Orion, refused', ORION, () => orionData({ authUrl: `http://127.0.0.1:${closedPort}/orion/oauth/token` }), 'Error'],
	] as const)('%s', async (_name, type, data, status) => {
		const credentials = store(type, data());
		const result = await testCredential(type, credentials);
		expect(result.status).toBe(status);
		expectNoSecret(result, credentials);
	});
});

/** A node that shows its credential's token: what a leak looks like. */
class LeakyNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leaky',
		name: 'leakyTestNode',
		group: ['transform'],
		version: 1,
		description: 'Outputs what it should not',
		defaults: { name: 'Leaky' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: FALCON, required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		await this.helpers.httpRequestWithAuthentication.call(this, FALCON, { method: 'GET', url: '/iocs/queries/ioc-types/v1', json: true });
		const credential = await this.getCredentials(FALCON);
		this.logger.debug(`token ${String(credential.sessionToken)}`);
		return [[{ json: { ok: true } }]];
	}
}

describe('Secrets: the suite-wide scan', () => {
	it('is installed, and catches a token that reaches the logs', async () => {
		expect(scanState).toBeDefined();
		const state = scanState as ScanState;
		const tokensBefore = state.tokensIssued;
		const result = await runNode({ type: 'leakyTestNode', extraNodeTypes: [LeakyNode], credentials: store(FALCON, falconData()) });
		expect(result.error).toBeUndefined();
		expect(state.tokensIssued).toBeGreaterThan(tokensBefore);
		// The scan saw the token in the debug log: take the find back so this test does not fail for it.
		const caught = state.pending.splice(0);
		state.findings.splice(state.findings.length - caught.length, caught.length);
		expect(caught.map((finding) => [finding.kind, finding.where])).toEqual([['sandbox token', 'runNode result']]);
		expect(caught[0].context).not.toContain([...issuedTokens].at(-1));
	});

	it('knows the secrets of every credential the suite ran with', () => {
		const state = scanState as ScanState;
		for (const secret of [sandbox.falcon.clientSecret, sandbox.orion.clientSecret, sandbox.orion.password, WRONG_SECRET, WRONG_PASSWORD]) {
			expect(state.registry.scan(`…${secret}…`, 'probe')).not.toEqual([]);
		}
		expect(state.registry.scan(Buffer.from(`${sandbox.orion.clientId}:${sandbox.orion.clientSecret}`).toString('base64'), 'probe')).not.toEqual([]);
		for (const token of issuedTokens) expect(state.registry.scan(token, 'probe')).not.toEqual([]);
	});
});
