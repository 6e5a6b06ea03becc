import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { MentionIndex } from '../../common/mentions';
import type { FalconApiErrorEntry } from '../transport/types';

/** How many IDs an error names; past that it says how many there are. */
export const MAX_NAMED_IDS = 50;

/** "a, b, c", or the first MAX_NAMED_IDS and how many there are in all. */
export function namedIds(ids: readonly string[]): string {
	if (ids.length <= MAX_NAMED_IDS) return ids.join(', ');
	return `${ids.slice(0, MAX_NAMED_IDS).join(', ')}, … (${ids.length} IDs, the first ${MAX_NAMED_IDS} named)`;
}

/** An answer's error entries, indexed by the IDs they name (built once per answer, not per item). */
export function errorIndex(errors: readonly FalconApiErrorEntry[], ids: Iterable<string>): MentionIndex<FalconApiErrorEntry> {
	return new MentionIndex(errors, ids);
}

/** An item's failure because the API did not know some of its IDs, with the API's own words where it gave them. */
export function notFoundError(
	node: INode,
	what: string,
	missing: string[],
	errors: MentionIndex<FalconApiErrorEntry> | undefined,
	traceId: string | undefined,
): NodeApiError {
	const said = errors?.messagesAbout(missing) ?? [];
	const apiSays = said.length <= MAX_NAMED_IDS ? said.join('; ') : `${said.slice(0, MAX_NAMED_IDS).join('; ')}; …`;
	const message = `${what} not found: ${namedIds(missing)}${apiSays ? ` (${apiSays})` : ''}`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description: traceId ? `CrowdStrike trace id: ${traceId}` : undefined,
		httpCode: '404',
	});
	error.context.traceId = traceId;
	return error;
}
