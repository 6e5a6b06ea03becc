import { request } from 'undici';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { INVALID_REQUEST_HEADER } from '../contract/exchange';

export interface ApiResponse<T = Record<string, unknown>> {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: T;
}

export type Query = Record<string, string | number | boolean | Array<string | number>>;

export interface CallOptions {
	token?: string;
	query?: Query;
	body?: unknown;
	form?: Record<string, string>;
	headers?: Record<string, string>;
	rawBody?: string | Buffer;
	/**
	 * This request breaks the API contract on purpose (a test of how the sandbox refuses it): why.
	 * It is sent with the `x-contract-invalid` header, so the contract checks skip the request (the
	 * answer is still checked). See docs/contract-tests.md.
	 */
	invalid?: string;
}

export function buildQuery(query: Query | undefined): string {
	if (!query) return '';
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(query)) {
		if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
		else p.append(k, String(v));
	}
	const s = p.toString();
	return s ? `?${s}` : '';
}

export async function call<T = Record<string, unknown>>(
	sb: Sandbox,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<ApiResponse<T>> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.invalid) headers[INVALID_REQUEST_HEADER] = options.invalid;
	let body: string | Buffer | undefined;
	if (options.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	} else if (options.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.body);
	} else if (options.rawBody !== undefined) {
		body = options.rawBody;
	}
	const res = await request(`${sb.url}${path}${buildQuery(options.query)}`, {
		method: method as 'GET',
		headers,
		body,
	});
	const text = await res.body.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, json: json as T };
}

export async function getToken(sb: Sandbox, extra: Record<string, string> = {}): Promise<string> {
	const res = await call<{ access_token: string }>(sb, 'POST', '/oauth2/token', {
		form: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret, ...extra },
	});
	if (res.status !== 201) throw new Error(`token: ${res.status} ${res.text}`);
	return res.json.access_token;
}

/** A started sandbox plus a token, for a describe block. */
export async function startWithToken(options: SandboxOptions = {}): Promise<{ sb: Sandbox; token: string }> {
	const sb = await startSandbox(options);
	const token = await getToken(sb);
	return { sb, token };
}

export interface Envelope<T = unknown> {
	meta: {
		query_time: number;
		powered_by: string;
		trace_id: string;
		pagination?: { offset: number; limit: number; total: number; after?: string };
		writes?: { resources_affected: number };
	};
	resources: T[];
	errors: Array<{ code: number; message: string; id?: string; index?: number; value?: string }>;
}

export const SHA = (n: number): string => n.toString(16).padStart(64, 'a');
