/**
 * Smoke test of the real-n8n tooling:
 *
 *   npx ts-node --transpile-only scripts/real-n8n/smoke.ts [--keep]
 *
 * 1. installs n8n + Node 24 if needed (install.ts);
 * 2. starts `n8n start` on a free loopback port with a temporary user folder;
 * 3. imports a workflow of built-in nodes (Manual Trigger -> Set -> Code) with the
 *    CLI and runs it with `n8n execute`, checking the output;
 * 4. generates a throwaway community package (one node, compiled JS, requiring
 *    n8n-workflow and zod WITHOUT declaring them as dependencies), packs it,
 *    installs it the way n8n does, and checks that n8n lists the node (CLI
 *    export:nodes and REST /types/nodes.json after owner setup + login) and runs
 *    a workflow with it;
 * 5. runs n8n's HTTP Request node with the built-in crowdStrikeOAuth2Api
 *    credential against a tiny loopback token/API server (no SSRF block expected);
 * 6. stops n8n and prints timings.
 *
 * --keep leaves the temporary folder for inspection. Exit code 0 when every check passed.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

import { ensureRealN8n } from './install';
import {
	ensureOwnerSession,
	executeWorkflow,
	exportNodes,
	importCredentials,
	importWorkflow,
	installPackageLikeN8n,
	listNodeTypesRest,
	nodeOutput,
	npmPack,
	restRequest,
	startN8n,
	type N8nInstance,
	type WorkflowJson,
} from './instance';

const t0 = Date.now();
const timings: Array<[string, number]> = [];
const checks: Array<{ name: string; ok: boolean; detail?: string }> = [];

function log(line: string): void {
	process.stderr.write(`[smoke +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const s = Date.now();
	log(`${label} ...`);
	try {
		return await fn();
	} finally {
		const secs = (Date.now() - s) / 1000;
		timings.push([label, secs]);
		log(`${label}: ${secs.toFixed(1)}s`);
	}
}

function check(name: string, ok: boolean, detail?: string): void {
	checks.push({ name, ok, detail });
	log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// ---------------------------------------------------------------------------
// Workflows

function builtinWorkflow(): WorkflowJson {
	return {
		id: 'smokeBuiltinWf01',
		name: 'smoke: built-in nodes',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '0b7f0a52-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '0b7f0a52-0000-4000-8000-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'a1', name: 'greeting', value: 'hello', type: 'string' },
							{ id: 'a2', name: 'n', value: 41, type: 'number' },
						],
					},
					options: {},
				},
			},
			{
				id: '0b7f0a52-0000-4000-8000-000000000003',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [400, 0],
				parameters: {
					jsCode: 'return $input.all().map((item) => ({ json: { ...item.json, n: item.json.n + 1, viaCode: true } }));',
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
			Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
		},
	};
}

const PROBE_PACKAGE = 'n8n-nodes-smoke-probe';
const PROBE_NODE_TYPE = `${PROBE_PACKAGE}.smokeProbe`;

function probeWorkflow(): WorkflowJson {
	return {
		id: 'smokeProbeWf0001',
		name: 'smoke: community package',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '0b7f0a52-0000-4000-8000-000000000011',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '0b7f0a52-0000-4000-8000-000000000012',
				name: 'Probe',
				type: PROBE_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { text: 'edr soar' },
			},
		],
		connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
	};
}

function crowdStrikeHttpWorkflow(credentialId: string, apiBase: string): WorkflowJson {
	return {
		id: 'smokeCsHttpWf001',
		name: 'smoke: HTTP Request + crowdStrikeOAuth2Api on loopback',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '0b7f0a52-0000-4000-8000-000000000021',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '0b7f0a52-0000-4000-8000-000000000022',
				name: 'Falcon',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 0],
				parameters: {
					method: 'GET',
					url: `${apiBase}/devices/queries/devices/v1`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'crowdStrikeOAuth2Api',
					options: {},
				},
				credentials: { crowdStrikeOAuth2Api: { id: credentialId, name: 'Falcon loopback' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Falcon', type: 'main', index: 0 }]] } },
	};
}

// ---------------------------------------------------------------------------
// The throwaway community package

const PROBE_NODE_JS = `'use strict';
// Deliberately NOT declared as dependencies: n8n must resolve both from its own node_modules.
const { NodeConnectionTypes } = require('n8n-workflow');
const { z } = require('zod');

const Input = z.object({ text: z.string().min(1) });

class SmokeProbe {
	constructor() {
		this.description = {
			displayName: 'Smoke Probe',
			name: 'smokeProbe',
			group: ['transform'],
			version: 1,
			description: 'Upper-cases a text, validated with zod',
			defaults: { name: 'Smoke Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Text', name: 'text', type: 'string', default: 'hello' }],
		};
	}

	async execute() {
		const items = this.getInputData();
		const out = items.map((item, i) => {
			const { text } = Input.parse({ text: this.getNodeParameter('text', i) });
			return {
				json: {
					probe: text.toUpperCase(),
					workflowFrom: require.resolve('n8n-workflow'),
					zodFrom: require.resolve('zod'),
				},
				pairedItem: { item: i },
			};
		});
		return [out];
	}
}

module.exports = { SmokeProbe };
`;

function writeProbePackage(dir: string): void {
	const nodeDir = path.join(dir, 'dist', 'nodes', 'SmokeProbe');
	fs.mkdirSync(nodeDir, { recursive: true });
	fs.writeFileSync(path.join(nodeDir, 'SmokeProbe.node.js'), PROBE_NODE_JS);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PROBE_PACKAGE,
				version: '0.0.1',
				description: 'Throwaway package made by scripts/real-n8n/smoke.ts',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: [],
					nodes: ['dist/nodes/SmokeProbe/SmokeProbe.node.js'],
				},
				// As a real package has them: n8n strips both before `npm install`.
				peerDependencies: { 'n8n-workflow': '*' },
				devDependencies: { 'n8n-workflow': '*', zod: '^3.25.0' },
			},
			null,
			2,
		),
	);
}

// ---------------------------------------------------------------------------
// A loopback stand-in for Falcon's token and one API path

interface FakeFalcon {
	url: string;
	tokenRequests: Array<Record<string, string>>;
	apiAuth: string[];
	close(): Promise<void>;
}

function startFakeFalcon(): Promise<FakeFalcon> {
	const tokenRequests: Array<Record<string, string>> = [];
	const apiAuth: string[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			const send = (status: number, value: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.method === 'POST' && req.url === '/oauth2/token') {
				const form = Object.fromEntries(new URLSearchParams(body));
				tokenRequests.push(form);
				if (form.client_id !== 'smoke-client' || form.client_secret !== 'smoke-secret') {
					return send(401, { errors: [{ code: 401, message: 'access denied, invalid client' }] });
				}
				return send(201, { access_token: 'smoke-token-1', token_type: 'bearer', expires_in: 1799 });
			}
			if (req.method === 'GET' && req.url?.startsWith('/devices/queries/devices/v1')) {
				apiAuth.push(String(req.headers.authorization ?? ''));
				if (req.headers.authorization !== 'Bearer smoke-token-1') {
					return send(401, { errors: [{ code: 401, message: 'access denied, authorization failed' }] });
				}
				return send(200, { meta: { query_time: 0.001 }, resources: ['device-a', 'device-b'], errors: [] });
			}
			send(404, { errors: [{ code: 404, message: 'not found' }] });
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const addr = server.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			resolve({
				url: `http://127.0.0.1:${port}`,
				tokenRequests,
				apiAuth,
				close: () => new Promise<void>((r) => server.close(() => r())),
			});
		});
	});
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
	const keep = process.argv.includes('--keep');
	await timed('install (skips what is done)', () => ensureRealN8n());

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));
	const userFolder = path.join(work, 'user');
	fs.mkdirSync(userFolder);
	log(`user folder ${userFolder}`);

	// Install the throwaway package first: n8n scans nodes/node_modules when it starts.
	const pkgSrc = path.join(work, 'probe-src');
	writeProbePackage(pkgSrc);
	const tgz = npmPack(pkgSrc, path.join(work, 'packs'));
	const installed = await timed('install probe package like n8n', () => installPackageLikeN8n(tgz, userFolder));
	const pkgJson = JSON.parse(fs.readFileSync(path.join(installed.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
	check(
		'installed package.json has no dev/peer/optional dependencies',
		!pkgJson.devDependencies && !pkgJson.peerDependencies && !pkgJson.optionalDependencies,
	);
	check(
		'no n8n-workflow or zod inside the installed package',
		!fs.existsSync(path.join(installed.dir, 'node_modules', 'n8n-workflow')) && !fs.existsSync(path.join(installed.dir, 'node_modules', 'zod')),
	);

	const fake = await startFakeFalcon();
	let n8n: N8nInstance | undefined;
	try {
		n8n = await timed('n8n start (to /healthz/readiness)', () => startN8n({ userFolder }));
		log(`n8n ready at ${n8n.url} (pid ${n8n.pid}, log ${n8n.logFile})`);
		const cliOpts = { userFolder };

		// Built-in nodes.
		await timed('import:workflow (built-in)', () => importWorkflow(builtinWorkflow(), cliOpts));
		const builtin = await timed('execute (built-in)', () => executeWorkflow('smokeBuiltinWf01', cliOpts));
		const codeOut = nodeOutput(builtin.run, 'Code');
		check(
			'built-in workflow output',
			builtin.ok && codeOut.length === 1 && codeOut[0].greeting === 'hello' && codeOut[0].n === 42 && codeOut[0].viaCode === true,
			JSON.stringify(codeOut),
		);

		// The community package.
		const exported = await timed('export:nodes', () => exportNodes(cliOpts));
		const probeType = exported.find((t) => t.name === PROBE_NODE_TYPE);
		check('export:nodes lists the probe node', !!probeType, `${exported.length} node types`);
		check('export:nodes lists the built-in HTTP Request node', exported.some((t) => t.name === 'n8n-nodes-base.httpRequest'));

		const session = await timed('owner setup + login (REST)', () => ensureOwnerSession(n8n!));
		const restTypes = await listNodeTypesRest(session);
		check('GET /types/nodes.json lists the probe node', restTypes.some((t) => t.name === PROBE_NODE_TYPE), `${restTypes.length} types`);
		const wfList = await restRequest<{ data: Array<{ id: string }> }>(session, 'GET', '/rest/workflows');
		check(
			'GET /rest/workflows sees the CLI-imported workflow',
			wfList.status === 200 && wfList.body.data.some((w) => w.id === 'smokeBuiltinWf01'),
			`status ${wfList.status}`,
		);

		await timed('import:workflow (probe)', () => importWorkflow(probeWorkflow(), cliOpts));
		const probe = await timed('execute (probe)', () => executeWorkflow('smokeProbeWf0001', cliOpts));
		const probeOut = nodeOutput(probe.run, 'Probe');
		check(
			'probe workflow output',
			probe.ok && probeOut.length === 1 && probeOut[0].probe === 'EDR SOAR',
			JSON.stringify(probeOut),
		);
		check(
			'probe resolved n8n-workflow and zod from n8n itself',
			probeOut.length === 1 &&
				!String(probeOut[0].workflowFrom).includes(userFolder) &&
				!String(probeOut[0].zodFrom).includes(userFolder),
			`${String(probeOut[0]?.workflowFrom)} | ${String(probeOut[0]?.zodFrom)}`,
		);

		// HTTP Request + built-in crowdStrikeOAuth2Api on loopback.
		await timed('import:credentials (crowdStrikeOAuth2Api)', () =>
			importCredentials(
				{
					id: 'smokeCsOauthCred',
					name: 'Falcon loopback',
					type: 'crowdStrikeOAuth2Api',
					data: { url: fake.url, clientId: 'smoke-client', clientSecret: 'smoke-secret' },
				},
				cliOpts,
			),
		);
		await timed('import:workflow (HTTP Request)', () => importWorkflow(crowdStrikeHttpWorkflow('smokeCsOauthCred', fake.url), cliOpts));
		const cs = await timed('execute (HTTP Request + crowdStrikeOAuth2Api)', () => executeWorkflow('smokeCsHttpWf001', cliOpts));
		const csOut = nodeOutput(cs.run, 'Falcon');
		check(
			'HTTP Request with crowdStrikeOAuth2Api reached the loopback API',
			cs.ok && csOut.length === 1 && Array.isArray(csOut[0].resources) && (csOut[0].resources as string[]).length === 2,
			`${JSON.stringify(csOut)}${cs.ok ? '' : ` error: ${JSON.stringify(cs.run.data.resultData.error?.message)}`}`,
		);
		check(
			'token fetched by client credentials (form body) once',
			fake.tokenRequests.length === 1 && fake.tokenRequests[0].client_id === 'smoke-client',
			`${fake.tokenRequests.length} token request(s); API saw ${JSON.stringify(fake.apiAuth)}`,
		);
	} finally {
		if (n8n) {
			const inst = n8n;
			await timed('n8n stop', () => inst.stop());
		}
		await fake.close();
		if (!keep) fs.rmSync(work, { recursive: true, force: true });
		else log(`kept ${work}`);
	}
}

main()
	.catch((err: Error) => {
		check('smoke ran to the end', false, err.stack ?? err.message);
	})
	.finally(() => {
		const passed = checks.filter((c) => c.ok).length;
		const failed = checks.length - passed;
		process.stderr.write('\nTimings:\n');
		for (const [label, secs] of timings) process.stderr.write(`  ${secs.toFixed(1).padStart(7)}s  ${label}\n`);
		process.stderr.write(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)}s  total\n\n`);
		process.stdout.write(`smoke: ${passed} passed, ${failed} failed\n`);
		process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
	});
