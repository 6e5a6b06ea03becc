import type { QueryMap } from './query';

export interface RequestLogEntry {
	method: string;
	path: string;
	query: QueryMap;
	/** Lower-case header names; Authorization redacted, secrets never kept. */
	headers: Record<string, string>;
	/** Parsed body (JSON value, form fields, multipart fields + file summaries); secrets redacted. */
	body: unknown;
	status: number;
	/** ISO time the request arrived. */
	at: string;
	durationMs: number;
	traceId: string;
	/** operationId of the matched route, when any. */
	operation?: string;
	clientId?: string;
	/** Set when a fault was injected ('5xx', 'drop', 'slow', 'malformed', '429'). */
	fault?: string;
}

const SECRET_FIELDS = new Set(['client_secret', 'password', 'token', 'refresh_token']);

/** Bounded, in-order log of the API requests the sandbox received. */
export class RequestLog {
	/** Live array: `sandbox.requests` is this very array (cleared in place). */
	readonly entries: RequestLogEntry[] = [];

	constructor(public limit: number) {}

	add(entry: RequestLogEntry): void {
		if (this.limit === 0) return;
		this.entries.push(entry);
		if (this.limit > 0 && this.entries.length > this.limit) {
			// Drop in chunks so the cost stays amortised.
			const excess = this.entries.length - this.limit;
			this.entries.splice(0, Math.max(excess, Math.min(this.limit >> 3, this.entries.length - 1)));
		}
	}

	clear(): void {
		this.entries.length = 0;
	}
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const v = Array.isArray(value) ? value.join(', ') : value;
		if (name === 'authorization') {
			const scheme = /^\s*(\w+)/.exec(v)?.[1] ?? '';
			out[name] = scheme ? `${scheme[0].toUpperCase()}${scheme.slice(1).toLowerCase()} <redacted>` : '<redacted>';
		} else {
			out[name] = v;
		}
	}
	return out;
}

/** Replaces secret form/JSON fields by '<redacted>' (top level only; that is where they live). */
export function redactBody(body: unknown): unknown {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	let copy: Record<string, unknown> | undefined;
	for (const key of Object.keys(body)) {
		if (SECRET_FIELDS.has(key)) {
			copy ??= { ...(body as Record<string, unknown>) };
			copy[key] = '<redacted>';
		}
	}
	return copy ?? body;
}
