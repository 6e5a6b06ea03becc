import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { FalconApiErrorEntry } from '../transport/types';

/** An item's failure because the API did not know some of its IDs, with the API's own words where it gave them. */
export function notFoundError(
	node: INode,
	what: string,
	missing: string[],
	errors: FalconApiErrorEntry[],
	traceId: string | undefined,
): NodeApiError {
	const related = errors.filter((entry) => missing.some((id) => String(entry.message ?? entry.id ?? '').includes(id)));
	const apiSays = related.map((entry) => entry.message).filter(Boolean).join('; ');
	const message = `${what} not found: ${missing.join(', ')}${apiSays ? ` (${apiSays})` : ''}`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description: traceId ? `CrowdStrike trace id: ${traceId}` : undefined,
		httpCode: '404',
	});
	error.context.traceId = traceId;
	return error;
}
