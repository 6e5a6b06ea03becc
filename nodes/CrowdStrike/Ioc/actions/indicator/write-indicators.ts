import { NodeApiError, sleep, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { ItemOutcome, ParsedItem } from '../../../../common/items';
import { chunk } from '../../../../common/concurrency';
import { backoffMs } from '../../../../common/retry-timing';
import { fqlQuote } from '../../../shared/schemas';
import type { FalconClient, FalconEnvelope } from '../../../transport';

export const INDICATORS_PATH = '/iocs/entities/indicators/v1';

/** How far CrowdStrike's clock may be from ours when telling our indicators from older ones. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface IndicatorWrite {
	indicator: IDataObject;
	request: { comment: string; retrodetects: boolean; ignoreWarnings: boolean };
}

/** What Create does with an indicator whose type and value already exist. */
export type OnExisting = 'error' | 'skip' | 'update';

const keyOf = (record: IDataObject) => `${String(record.type)}:${String(record.value)}`;

export function requestQuery(request: IndicatorWrite['request']): IDataObject {
	return {
		...(request.retrodetects ? { retrodetects: true } : {}),
		...(request.ignoreWarnings ? { ignore_warnings: true } : {}),
	};
}

export function indicatorError(node: INode, message: string, traceId: string | undefined): Error {
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description: traceId ? `CrowdStrike trace id: ${traceId}` : undefined,
		httpCode: '400',
	});
	error.context.traceId = traceId;
	return error;
}

/**
 * Creates a batch of indicators. After a failure whose outcome is unknown (a server error or a
 * dropped connection after sending), the indicators that now exist are looked up and only the
 * missing ones are sent again: a retry never creates an indicator twice.
 */
export async function createIndicators(
	client: FalconClient,
	node: INode,
	batch: Array<ParsedItem<IndicatorWrite>>,
): Promise<Map<number, ItemOutcome>> {
	const outcomes = new Map<number, ItemOutcome>();
	const { request } = batch[0].input;
	let pending = batch;
	const firstSentAt = Date.now();
	for (let attempt = 0; pending.length > 0; attempt++) {
		const answer = await client.write({
			method: 'POST',
			path: INDICATORS_PATH,
			qs: requestQuery(request),
			body: { ...(request.comment ? { comment: request.comment } : {}), indicators: pending.map((item) => item.input.indicator) },
			acceptStatus: [400],
		});
		if ('envelope' in answer) {
			mapCreated(node, answer.envelope, pending, outcomes);
			return outcomes;
		}
		if (attempt >= client.policy.maxRetries) throw answer.unconfirmed;
		await sleep(backoffMs(attempt, client.policy.retryBaseMs, 30_000));
		const existing = await findExisting(client, pending.map((item) => item.input.indicator));
		pending = pending.filter((item) => {
			const record = existing.get(keyOf(item.input.indicator));
			if (!record) return true;
			// Created by the lost request, or there before it: then CrowdStrike would have said duplicate.
			const createdOn = Date.parse(String(record.created_on ?? ''));
			outcomes.set(
				item.index,
				!(createdOn < firstSentAt - CLOCK_SKEW_MS)
					? [{ json: record }]
					: indicatorError(node, `Duplicate type: '${String(record.type)}' and value: '${String(record.value)}' combination.`, undefined),
			);
			return false;
		});
	}
	return outcomes;
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
	const outcomes = fresh.length > 0 ? await createIndicators(client, node, fresh) : new Map<number, ItemOutcome>();
	if (onExisting === 'skip') {
		for (const item of known) outcomes.set(item.index, [{ json: existing.get(keyOf(item.input.indicator)) as IDataObject }]);
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
	const answer = await client.request({
		method: 'PATCH',
		path: INDICATORS_PATH,
		qs: requestQuery(request),
		body: { ...(request.comment ? { comment: request.comment } : {}), indicators: updates },
		idempotent: true,
		acceptStatus: [400],
	});
	const updated = new Map((answer.resources ?? []).filter((record) => !record.message).map((record) => [String(record.id), record]));
	known.forEach((item, position) => {
		const record = updated.get(String(updates[position].id));
		outcomes.set(
			item.index,
			record ? [{ json: record }] : indicatorError(node, (answer.errors ?? []).map((e) => e.message).join('; ') || 'CrowdStrike did not update this indicator', answer.meta.trace_id),
		);
	});
	return outcomes;
}

/** Matches CrowdStrike's per-indicator answers to the items they came from. */
function mapCreated(
	node: INode,
	answer: FalconEnvelope,
	batch: Array<ParsedItem<IndicatorWrite>>,
	outcomes: Map<number, ItemOutcome>,
) {
	const traceId = answer.meta.trace_id;
	const waiting = new Map<string, number[]>();
	for (const item of batch) {
		const key = keyOf(item.input.indicator);
		const indexes = waiting.get(key);
		if (indexes) indexes.push(item.index);
		else waiting.set(key, [item.index]);
	}
	for (const resource of answer.resources ?? []) {
		const index = waiting.get(keyOf(resource))?.shift();
		if (index === undefined) continue;
		outcomes.set(
			index,
			resource.id && !resource.message
				? [{ json: resource }]
				: indicatorError(node, String(resource.message ?? 'CrowdStrike did not create this indicator'), traceId),
		);
	}
	const errors = answer.errors ?? [];
	for (const [key, indexes] of waiting) {
		const value = key.slice(key.indexOf(':') + 1);
		const related = errors.filter((entry) => String(entry.message ?? '').includes(value));
		const messages = (related.length > 0 ? related : errors).map((entry) => entry.message).filter(Boolean);
		for (const index of indexes) {
			outcomes.set(
				index,
				indicatorError(node, messages.length > 0 ? messages.join('; ') : 'CrowdStrike did not create this indicator', traceId),
			);
		}
	}
}

/** Existing indicators with these types and values, by "type:value". */
export async function findExisting(client: FalconClient, indicators: IDataObject[]): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const byType = new Map<string, Set<string>>();
	for (const { type, value } of indicators) {
		const values = byType.get(String(type)) ?? new Set<string>();
		values.add(String(value));
		byType.set(String(type), values);
	}
	for (const [type, values] of byType) {
		for (const part of chunk([...values], 50)) {
			const answer = await client.request({
				method: 'GET',
				path: '/iocs/combined/indicator/v1',
				qs: { filter: `type:${fqlQuote(type)}+value:[${part.map(fqlQuote).join(',')}]`, limit: 100 },
			});
			for (const record of answer.resources ?? []) found.set(keyOf(record), record);
		}
	}
	return found;
}
