/**
 * The "what an n8n user does today" baseline: n8n's own HTTP Request node with n8n's built-in
 * "CrowdStrike OAuth2 API" credential (`crowdStrikeOAuth2Api`: url, clientId, clientSecret),
 * run by a real n8n against a Falcon-compatible API (the sandbox, or a tenant).
 *
 * The workflow is workflows/http-request-crowdstrike-baseline.json (importable as it is, aimed
 * at `npm run sandbox -- --port 8787`); these functions point it at another URL, method, path,
 * query or body and run it with `n8n execute`.
 *
 *   import { runHttpRequestBaseline, setupHttpRequestBaseline } from '../scripts/real-n8n/baseline';
 *   const ids = await setupHttpRequestBaseline(targetFromSandbox(sandbox), { userFolder });
 *   const r = await runHttpRequestBaseline({ userFolder, workflowId: ids.workflowId });
 *   r.ok; r.items[0].resources; r.executionMs; r.cliSeconds
 *
 * Token handling is n8n's: the credential's preAuthentication POSTs <url>/oauth2/token (form
 * body), keeps the token encrypted in the credential in the database (so later `n8n execute`
 * runs reuse it), and after any failed request fetches a new one and retries once.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
	type CredentialJson,
	type N8nCliOptions,
	type N8nCliResult,
	type N8nRun,
	type WorkflowJson,
} from './instance';

export const BASELINE_WORKFLOW_FILE = path.join(__dirname, 'workflows', 'http-request-crowdstrike-baseline.json');
export const BASELINE_WORKFLOW_ID = 'falconHttpBaseline';
export const BASELINE_CREDENTIAL_ID = 'falconHttpBaseline';
export const BASELINE_CREDENTIAL_NAME = 'CrowdStrike OAuth2 API (sandbox)';
/** The name of the HTTP Request node in the baseline workflow. */
export const BASELINE_NODE = 'Falcon API';

/** Where the Falcon-compatible API answers and the API client to use. */
export interface HttpBaselineTarget {
	/** Base URL without a trailing slash, e.g. the sandbox's `url` (http://127.0.0.1:<port>). */
	apiUrl: string;
	clientId: string;
	clientSecret: string;
}

/** The request the HTTP Request node sends. Default: GET /iocs/combined/indicator/v1?limit=5. */
export interface HttpBaselineRequest {
	method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** Path below apiUrl; may carry a query string of its own. */
	path?: string;
	query?: Record<string, string | number | boolean>;
	/** JSON body (sent with Content-Type application/json). */
	body?: unknown;
}

export const DEFAULT_BASELINE_REQUEST: Readonly<Required<Pick<HttpBaselineRequest, 'method' | 'path'>> & { query: Record<string, string> }> =
	Object.freeze({ method: 'GET', path: '/iocs/combined/indicator/v1', query: { limit: '5' } });

/** A sandbox handle (or anything with the same fields) as a target. */
export function targetFromSandbox(sandbox: { url: string; falcon: { clientId: string; clientSecret: string } }): HttpBaselineTarget {
	return { apiUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret };
}

/** The `crowdStrikeOAuth2Api` credential for import:credentials (plain-text data; n8n encrypts it). */
export function baselineCredential(
	target: HttpBaselineTarget,
	opts: { id?: string; name?: string } = {},
): CredentialJson {
	return {
		id: opts.id ?? BASELINE_CREDENTIAL_ID,
		name: opts.name ?? BASELINE_CREDENTIAL_NAME,
		type: 'crowdStrikeOAuth2Api',
		data: { url: target.apiUrl.replace(/\/+$/, ''), clientId: target.clientId, clientSecret: target.clientSecret },
	};
}

interface HttpNodeParameters {
	method: string;
	url: string;
	sendQuery?: boolean;
	queryParameters?: { parameters: Array<{ name: string; value: string }> };
	sendBody?: boolean;
	contentType?: string;
	specifyBody?: string;
	jsonBody?: string;
	[key: string]: unknown;
}

/** The baseline workflow from its JSON file, aimed at the target with the given request. */
export function baselineWorkflow(
	target: HttpBaselineTarget,
	request: HttpBaselineRequest = {},
	opts: { id?: string; name?: string; credentialId?: string; credentialName?: string } = {},
): WorkflowJson {
	const wf = JSON.parse(fs.readFileSync(BASELINE_WORKFLOW_FILE, 'utf8')) as {
		name: string;
		nodes: Array<{ name: string; parameters: HttpNodeParameters; credentials?: Record<string, { id: string; name: string }> }>;
		connections: Record<string, unknown>;
		[key: string]: unknown;
	};
	const node = wf.nodes.find((n) => n.name === BASELINE_NODE);
	if (!node) throw new Error(`${BASELINE_WORKFLOW_FILE} has no node "${BASELINE_NODE}"`);
	const method = request.method ?? DEFAULT_BASELINE_REQUEST.method;
	const reqPath = request.path ?? DEFAULT_BASELINE_REQUEST.path;
	const query = request.query ?? (request.path === undefined ? DEFAULT_BASELINE_REQUEST.query : {});
	const p: HttpNodeParameters = { ...node.parameters, method, url: `${target.apiUrl.replace(/\/+$/, '')}${reqPath.startsWith('/') ? '' : '/'}${reqPath}` };
	const queryEntries = Object.entries(query);
	if (queryEntries.length) {
		p.sendQuery = true;
		p.queryParameters = { parameters: queryEntries.map(([name, value]) => ({ name, value: String(value) })) };
	} else {
		delete p.sendQuery;
		delete p.queryParameters;
	}
	if (request.body !== undefined) {
		p.sendBody = true;
		p.contentType = 'json';
		p.specifyBody = 'json';
		p.jsonBody = JSON.stringify(request.body);
	}
	node.parameters = p;
	node.credentials = {
		crowdStrikeOAuth2Api: { id: opts.credentialId ?? BASELINE_CREDENTIAL_ID, name: opts.credentialName ?? BASELINE_CREDENTIAL_NAME },
	};
	return { ...wf, id: opts.id ?? BASELINE_WORKFLOW_ID, name: opts.name ?? wf.name, active: false };
}

export interface HttpBaselineSetup {
	workflowId: string;
	credentialId: string;
	workflow: WorkflowJson;
	/** Seconds the two import commands took. */
	importSeconds: number;
}

/**
 * Imports the credential and the workflow into a user folder with n8n's CLI (two commands,
 * about 3 s each). Works while a server uses the same folder. Re-importing the same ids
 * overwrites them (a new request, another target).
 */
export async function setupHttpRequestBaseline(
	target: HttpBaselineTarget,
	opts: N8nCliOptions & {
		request?: HttpBaselineRequest;
		workflowId?: string;
		workflowName?: string;
		credentialId?: string;
		credentialName?: string;
	},
): Promise<HttpBaselineSetup> {
	const { request, workflowId, workflowName, credentialId, credentialName, ...cli } = opts;
	const credential = baselineCredential(target, { id: credentialId, name: credentialName });
	const workflow = baselineWorkflow(target, request, {
		id: workflowId,
		name: workflowName,
		credentialId: credential.id,
		credentialName: credential.name,
	});
	const a = await importCredentials(credential, cli);
	const b = await importWorkflow(workflow, cli);
	return { workflowId: workflow.id, credentialId: credential.id, workflow, importSeconds: a.seconds + b.seconds };
}

export interface HttpBaselineResult {
	/** The run finished without an error. */
	ok: boolean;
	/** The HTTP Request node's output items (json): one per response, the raw Falcon envelope. */
	items: Array<Record<string, unknown>>;
	/** The error message when the run failed. */
	error?: string;
	/** Wall time of the `n8n execute` command (boot of n8n included, about 2-3 s of it). */
	cliSeconds: number;
	/** The execution itself, from the run's startedAt/stoppedAt (ms), when n8n reports them. */
	executionMs?: number;
	run: N8nRun;
	cli: N8nCliResult;
}

/** Runs an imported baseline workflow with `n8n execute --id` and returns the HTTP node's output. */
export async function runHttpRequestBaseline(opts: N8nCliOptions & { workflowId?: string; nodeName?: string }): Promise<HttpBaselineResult> {
	const { workflowId, nodeName, ...cli } = opts;
	const { ok, run, cli: result } = await executeWorkflow(workflowId ?? BASELINE_WORKFLOW_ID, cli);
	const r = run as N8nRun & { startedAt?: string; stoppedAt?: string };
	const started = r.startedAt ? Date.parse(r.startedAt) : NaN;
	const stopped = r.stoppedAt ? Date.parse(r.stoppedAt) : NaN;
	const error = run.data.resultData.error;
	return {
		ok,
		items: nodeOutput(run, nodeName ?? BASELINE_NODE),
		error: error ? String(error.message ?? JSON.stringify(error)) : undefined,
		cliSeconds: result.seconds,
		executionMs: Number.isFinite(started) && Number.isFinite(stopped) ? stopped - started : undefined,
		run,
		cli: result,
	};
}

/** setupHttpRequestBaseline + runHttpRequestBaseline in one call. */
export async function httpRequestBaseline(
	target: HttpBaselineTarget,
	opts: Parameters<typeof setupHttpRequestBaseline>[1],
): Promise<HttpBaselineResult & { setup: HttpBaselineSetup }> {
	const setup = await setupHttpRequestBaseline(target, opts);
	const { request: _r, workflowId: _w, workflowName: _n, credentialId: _c, credentialName: _cn, ...cli } = opts;
	const result = await runHttpRequestBaseline({ ...cli, workflowId: setup.workflowId });
	return { ...result, setup };
}
