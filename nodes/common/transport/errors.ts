import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { cutText, vendorText } from './scrub';

export { cutText };

/** How many of a long list of vendor messages an error names; the rest are counted. */
const MAX_LISTED_MESSAGES = 10;

/** A list of vendor messages as one text: the distinct ones, the first few of them, and how many more there were. */
export function listMessages(messages: string[], max = MAX_LISTED_MESSAGES): string {
	const distinct = [...new Set(messages)];
	const shown = distinct.slice(0, max).map((message) => vendorText(message, 500));
	const more = distinct.length - shown.length;
	return more > 0 ? `${shown.join('; ')}; … and ${more} more` : shown.join('; ');
}

export interface ApiErrorParts {
	/** What went wrong, in the vendor's words where it gave any. */
	message: string;
	/** The request the failure answers, named (never its body or headers). */
	request?: { method: string; path: string };
	statusCode?: number | string;
	/** The vendor's name, as the trace id is labelled: "CrowdStrike trace id: …". */
	vendor?: string;
	traceId?: string;
	/** More for the user to read: what happened to the rest, what to check. */
	hint?: string;
}

/**
 * The one way an API failure becomes an n8n error, for every vendor and for per-item failures
 * an operation reads from a batch answer: the vendor's message, the request, the status, the trace id.
 * Every text is scrubbed of credential secrets and cut (see scrub.ts).
 */
export function apiError(node: INode, parts: ApiErrorParts): NodeApiError {
	const message = vendorText(parts.message);
	const description = [
		parts.request ? `${parts.request.method} ${parts.request.path}` : undefined,
		parts.request && parts.statusCode ? `answered HTTP ${parts.statusCode}` : undefined,
		parts.traceId ? `${parts.vendor ?? 'API'} trace id: ${vendorText(parts.traceId, 200)}` : undefined,
		parts.hint ? vendorText(parts.hint) : undefined,
	]
		.filter(Boolean)
		.join(', ');
	const traceId = parts.traceId === undefined ? undefined : vendorText(parts.traceId, 200);
	const error = new NodeApiError(node, { message, ...(traceId ? { traceId } : {}) } as JsonObject, {
		message,
		description: description || undefined,
		httpCode: parts.statusCode !== undefined ? String(parts.statusCode) : undefined,
	});
	if (traceId) error.context.traceId = traceId;
	if (parts.statusCode !== undefined) error.context.statusCode = Number(parts.statusCode);
	return error;
}

/**
 * An item whose write may or may not have landed: the API did not confirm it and a look-up could
 * not tell. It says so, names what was written, and asks the user to check before running again.
 */
export function unknownOutcomeError(node: INode, what: string, cause: unknown): NodeApiError {
	// The cause's own "may or may not have been applied" is what this error says as a whole.
	const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/^.*may or may not have been applied: /, '');
	const error = apiError(node, {
		message: `Unknown outcome for ${what}: the write was not confirmed and may or may not have been applied (${reason})`,
		hint: `It may or may not have been applied. Check ${what} in the console before running this item again.`,
		traceId: (cause as NodeApiError | undefined)?.context?.traceId as string | undefined,
		statusCode: (cause as NodeApiError | undefined)?.httpCode ?? undefined,
	});
	error.context.outcome = 'unknown';
	return error;
}
