import type { IDataObject, INode } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { ItemOutcome, ParsedItem } from '../../common/items';
import { errorIndex, notFoundError } from './entity-errors';
import type { FalconEnvelope } from '../transport';

export interface IdsInput {
	ids: string[];
}

/**
 * Looks up the IDs of a batch of items in as few requests as the API allows, then gives each item
 * the records of its own IDs. An ID the API does not know fails its item, naming the ID.
 */
export async function lookUpIds<I extends IdsInput>(
	node: INode,
	batch: Array<ParsedItem<I>>,
	idsPerRequest: number,
	fetch: (ids: string[]) => Promise<FalconEnvelope>,
	what: string,
	idOf: (record: IDataObject) => string = (record) => String(record.id),
): Promise<Map<number, ItemOutcome>> {
	const unique = [...new Set(batch.flatMap((item) => item.input.ids))];
	const found = new Map<string, IDataObject>();
	const errors: FalconEnvelope['errors'] = [];
	let traceId: string | undefined;
	for (const ids of chunk(unique, idsPerRequest)) {
		const answer = await fetch(ids);
		traceId ??= answer.meta.trace_id;
		for (const record of answer.resources ?? []) found.set(idOf(record).toLowerCase(), record);
		errors.push(...(answer.errors ?? []));
	}
	const said = errorIndex(errors, unique);
	const outcomes = new Map<number, ItemOutcome>();
	for (const { index, input } of batch) {
		const missing = input.ids.filter((id) => !found.has(id.toLowerCase()));
		outcomes.set(
			index,
			missing.length > 0
				? notFoundError(node, what, missing, said, traceId)
				: input.ids.map((id) => ({ json: found.get(id.toLowerCase()) as IDataObject })),
		);
	}
	return outcomes;
}
