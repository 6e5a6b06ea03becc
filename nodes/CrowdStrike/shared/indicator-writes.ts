import type { IDataObject, INode } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { ItemOutcome, ParsedItem } from '../../common/items';
import { MentionIndex } from '../../common/mentions';
import { apiError, unknownOutcomeError, writeReconciled, type EntryResult } from '../../common/transport';
import { createIndicators as postIndicators, searchIndicatorRecords, updateIndicators, type IndicatorWriteQuery } from '../api/ioc';
import { FalconClient, type FalconEnvelope } from '../transport';
import { canonicalIocValue, fqlQuote } from './schemas';

/** How far CrowdStrike's clock may be from ours when telling our indicators from older ones. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Values per look-up by type and value (one FQL filter). */
const LOOKUP_VALUES = 50;

export interface IndicatorWrite {
	indicator: IDataObject;
	request: { comment: string; retrodetects: boolean; ignoreWarnings: boolean };
}

/** What Create does with an indicator whose type and value already exist. */
export type OnExisting = 'error' | 'skip' | 'update';

/** An indicator's identity, "type:value", in the form Falcon stores the value (so a sent value and the API's answer match). */
export function keyOf(record: IDataObject): string {
	const type = String(record.type);
	return `${type}:${canonicalIocValue(type, String(record.value))}`;
}

export function requestQuery(request: IndicatorWrite['request']): IndicatorWriteQuery {
	return {
		...(request.retrodetects ? { retrodetects: true } : {}),
		...(request.ignoreWarnings ? { ignore_warnings: true } : {}),
	};
}

/** One indicator refused by CrowdStrike, in its words. */
export function indicatorError(node: INode, message: string, traceId: string | undefined): Error {
	return apiError(node, { message, statusCode: 400, vendor: 'CrowdStrike', traceId });
}

function describe(indicator: IDataObject): string {
	return `the ${String(indicator.type)} indicator ${String(indicator.value)}`;
}

/**
 * Creates a batch of indicators. After a failure whose outcome is unknown (a server error or a
 * dropped connection after sending), the indicators that now exist are looked up and only the
 * missing ones are sent again: a retry never creates an indicator twice, and what the look-up
 * confirmed stays confirmed.
 */
export async function createIndicators(
	client: FalconClient,
	node: INode,
	batch: Array<ParsedItem<IndicatorWrite>>,
): Promise<Map<number, ItemOutcome>> {
	const { request } = batch[0].input;
	const firstSentAt = Date.now();
	const results = await writeReconciled<ParsedItem<IndicatorWrite>, IDataObject>({
		entries: batch,
		policy: client.policy,
		send: async (pending) => {
			const answer = await postIndicators(client, requestQuery(request), {
				...(request.comment ? { comment: request.comment } : {}),
				indicators: pending.map((item) => item.input.indicator),
			});
			return 'envelope' in answer ? { results: mapCreated(node, answer.envelope, pending) } : answer;
		},
		lookUp: async (pending) => {
			const existing = await findExisting(client, pending.map((item) => item.input.indicator));
			const found = new Map<ParsedItem<IndicatorWrite>, EntryResult<IDataObject>>();
			for (const item of pending) {
				const record = existing.get(keyOf(item.input.indicator));
				if (!record) continue;
				// Created by the lost request, or there before it: then CrowdStrike would have said duplicate.
				const createdOn = Date.parse(String(record.created_on ?? ''));
				found.set(
					item,
					!(createdOn < firstSentAt - CLOCK_SKEW_MS)
						? record
						: indicatorError(node, `Duplicate type: '${String(record.type)}' and value: '${String(record.value)}' combination.`, undefined),
				);
			}
			return found;
		},
		unknown: (item, cause) => unknownOutcomeError(node, describe(item.input.indicator), cause),
	});
	return new Map(batch.map((item) => {
		const result = results.get(item) ?? new Error('This indicator was not processed');
		return [item.index, result instanceof Error ? result : [{ json: result }]];
	}));
}

/**
 * Create, with existing indicators looked up first: `skip` answers them as they are, `update`
 * applies the item's fields to them. New ones are created as usual.
 */
export async function upsertIndicators(
	client: FalconClient,
	node: INode,
	batch: Array<ParsedItem<IndicatorWrite>>,
	onExisting: Exclude<OnExisting, 'error'>,
): Promise<Map<number, ItemOutcome>> {
	const existing = await findExisting(client, batch.map((item) => item.input.indicator));
	const known = batch.filter((item) => existing.has(keyOf(item.input.indicator)));
	const fresh = batch.filter((item) => !existing.has(keyOf(item.input.indicator)));
	const outcomes = fresh.length > 0 ? markExisted(await createIndicators(client, node, fresh), false) : new Map<number, ItemOutcome>();
	if (onExisting === 'skip') {
		for (const item of known) outcomes.set(item.index, [{ json: { ...(existing.get(keyOf(item.input.indicator)) as IDataObject), existed: true } }]);
		return outcomes;
	}
	if (known.length === 0) return outcomes;
	const updates = known.map((item) => {
		const fields: IDataObject = { ...item.input.indicator, id: (existing.get(keyOf(item.input.indicator)) as IDataObject).id };
		delete fields.type;
		delete fields.value;
		return fields;
	});
	const { request } = batch[0].input;
	const answer = await updateIndicators(client, requestQuery(request), {
		...(request.comment ? { comment: request.comment } : {}),
		indicators: updates,
	});
	const updated = updatedById(answer);
	const said = refusalsIn(answer);
	known.forEach((item, position) => {
		const id = String(updates[position].id);
		const record = updated.get(id);
		outcomes.set(item.index, record ? [{ json: { ...record, existed: true } }] : indicatorError(node, said(id) || `Indicator ${id} was not updated`, answer.meta.trace_id));
	});
	return outcomes;
}

/**
 * Create's output says whether each indicator was there before this run: `existed: false` for one
 * created now, `true` for one If Indicator Exists returned or updated. One field, for every mode.
 */
export function markExisted(outcomes: Map<number, ItemOutcome>, existed: boolean): Map<number, ItemOutcome> {
	// The records are this run's own (parsed from the answer), so they are marked in place: a copy of
	// each would cost a second record per item until the garbage collector gets to the first.
	for (const outcome of outcomes.values()) {
		if (!(outcome instanceof Error)) for (const item of outcome) item.json.existed = existed;
	}
	return outcomes;
}

/** The indicators an update answer reports as updated, by ID (an entry carrying a message is a refusal). */
export function updatedById(answer: FalconEnvelope): Map<string, IDataObject> {
	return new Map((answer.resources ?? []).filter((record) => record.id && !record.message).map((record) => [String(record.id), record]));
}

/**
 * What CrowdStrike said about each indicator of an update answer (by ID or value): a refused
 * resource's message, else the error entries naming it. Indexed once per answer.
 */
export function refusalsIn(answer: FalconEnvelope): (idOrValue: string) => string {
	const refused = new Map<string, string>();
	for (const record of answer.resources ?? []) if (record.message && !refused.has(String(record.id))) refused.set(String(record.id), String(record.message));
	const errors = new MentionIndex(answer.errors ?? []);
	return (idOrValue) => refused.get(idOrValue) ?? errors.messagesAbout([idOrValue]).join('; ');
}

/**
 * Matches CrowdStrike's per-indicator answers to the items they came from. api.IndicatorRespV1 gives
 * created indicators in `resources` and refusals in `errors` (naming the value); a resource with a
 * `message`, as some answers have, is a refusal too.
 */
function mapCreated(node: INode, answer: FalconEnvelope, batch: Array<ParsedItem<IndicatorWrite>>): Map<ParsedItem<IndicatorWrite>, EntryResult<IDataObject>> {
	const traceId = answer.meta.trace_id;
	const results = new Map<ParsedItem<IndicatorWrite>, EntryResult<IDataObject>>();
	const waiting = new Map<string, Array<ParsedItem<IndicatorWrite>>>();
	for (const item of batch) {
		const key = keyOf(item.input.indicator);
		const items = waiting.get(key);
		if (items) items.push(item);
		else waiting.set(key, [item]);
	}
	for (const resource of answer.resources ?? []) {
		const key = keyOf(resource);
		const item = waiting.get(key)?.shift();
		if (item === undefined) continue;
		if (waiting.get(key)?.length === 0) waiting.delete(key);
		results.set(
			item,
			resource.id && !resource.message ? resource : indicatorError(node, String(resource.message ?? 'CrowdStrike did not create this indicator'), traceId),
		);
	}
	const errors = answer.errors ?? [];
	const byValue = new Map<string, string[]>();
	for (const entry of errors) {
		const message = String(entry.message ?? '');
		for (const quoted of message.match(/'[^']*'/g) ?? []) {
			const value = quoted.slice(1, -1).toLowerCase();
			byValue.set(value, [...(byValue.get(value) ?? []), message]);
		}
	}
	const all = errors.map((entry) => entry.message).filter(Boolean) as string[];
	const mentions = new MentionIndex(errors);
	for (const [key, items] of waiting) {
		const value = key.slice(key.indexOf(':') + 1);
		const messages = byValue.get(value) ?? mentions.messagesAbout([value]);
		const text = (messages.length > 0 ? messages : all).join('; ') || 'CrowdStrike did not create this indicator';
		for (const item of items) results.set(item, indicatorError(node, text, traceId));
	}
	return results;
}

/** Existing indicators with these types and values, by "type:value". */
export async function findExisting(client: FalconClient, indicators: IDataObject[]): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const byType = new Map<string, Set<string>>();
	for (const indicator of indicators) {
		const type = String(indicator.type);
		const values = byType.get(type) ?? new Set<string>();
		values.add(canonicalIocValue(type, String(indicator.value)));
		byType.set(type, values);
	}
	for (const [type, values] of byType) {
		for (const part of chunk([...values], LOOKUP_VALUES)) {
			const answer = await searchIndicatorRecords(client, { filter: `type:${fqlQuote(type)}+value:[${part.map(fqlQuote).join(',')}]`, limit: 100 });
			for (const record of answer.resources ?? []) found.set(keyOf(record), record);
		}
	}
	return found;
}
