import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import { requestFor } from '../../../../common/api-operation';
import { chunk } from '../../../../common/concurrency';
import type { ItemOutcome, ParsedItem } from '../../../../common/items';
import { apiError, unknownOutcomeError, writeReconciled } from '../../../../common/transport';
import { callOrion, callOrionWrite, orion } from '../../../api';
import { IOC_TYPE_RULES, iocKey, type OrionIocType } from '../../../shared/ioc-types';
import type { OrionClient } from '../../../transport';
import type { ItemIocs } from './fields';

/** One IOC of one item, with the element of the request body that carries it. */
export interface IocEntry {
	index: number;
	type: OrionIocType;
	value: string;
	body: IDataObject;
}

export type EntryResult = IDataObject | Error;

/** The body element naming an IOC: `{hash}`, `{url}`, `{ip}` or `{domain}`. */
export function valueBody(type: OrionIocType, value: string): IDataObject {
	return { [IOC_TYPE_RULES[type].key]: value };
}

export function entriesOf<I extends ItemIocs>(batch: Array<ParsedItem<I>>, body: (input: I, value: string) => IDataObject): IocEntry[] {
	return batch.flatMap(({ index, input }) =>
		input.values.map((value) => ({ index, type: input.type, value, body: body(input, value) })),
	);
}

/**
 * Sends the entries in requests of at most `size` IOCs (an IOC that several items name with the
 * same fields is sent once) and answers each entry's result.
 */
export async function sendInChunks(
	entries: IocEntry[],
	size: number,
	send: (chunk: IocEntry[]) => Promise<Map<IocEntry, EntryResult>>,
): Promise<Map<IocEntry, EntryResult>> {
	const distinct = new Map<string, IocEntry>();
	for (const entry of entries) {
		const key = JSON.stringify(entry.body);
		if (!distinct.has(key)) distinct.set(key, entry);
	}
	const sent = new Map<IocEntry, EntryResult>();
	for (const part of chunk([...distinct.values()], size)) {
		for (const [entry, result] of await send(part)) sent.set(entry, result);
	}
	const results = new Map<IocEntry, EntryResult>();
	for (const entry of entries) {
		const result = sent.get(distinct.get(JSON.stringify(entry.body)) as IocEntry);
		results.set(entry, result ?? new Error(`Cytomic Orion gave no answer for ${entry.value}`));
	}
	return results;
}

/** Per item: its IOCs' results in order, or the first error when one of them failed. */
export function itemOutcomes<I>(batch: Array<ParsedItem<I>>, entries: IocEntry[], results: Map<IocEntry, EntryResult>): Map<number, ItemOutcome> {
	const byItem = new Map<number, IocEntry[]>();
	for (const entry of entries) {
		const list = byItem.get(entry.index);
		if (list) list.push(entry);
		else byItem.set(entry.index, [entry]);
	}
	const outcomes = new Map<number, ItemOutcome>();
	for (const { index } of batch) {
		const mine = (byItem.get(index) ?? []).map((entry) => results.get(entry));
		const failure = mine.find((result): result is Error => result instanceof Error);
		outcomes.set(index, failure ?? mine.map((json) => ({ json: json as IDataObject })));
	}
	return outcomes;
}

/** Orion's `IocJson` is read as an object even when it comes as a JSON string. */
export function readableRecord(record: IDataObject): IDataObject {
	if (typeof record.IocJson !== 'string') return record;
	try {
		return { ...record, IocJson: JSON.parse(record.IocJson) as IDataObject };
	} catch {
		return record;
	}
}

/** The listed IOCs among these values, by `iocKey` (the getter: list by attributes). */
export async function lookUpIocs(client: OrionClient, type: OrionIocType, values: string[], size: number): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	for (const part of chunk(values, size)) {
		const records = await callOrion(client, orion.getIocsByAttributes, { path: { iocType: type }, body: part.map((value) => valueBody(type, value)) });
		for (const record of Array.isArray(records) ? (records as IDataObject[]) : []) {
			const value = record.KeyValueAsString ?? (readableRecord(record).IocJson as IDataObject | undefined)?.[IOC_TYPE_RULES[type].key];
			if (typeof value === 'string') found.set(iocKey(type, value), readableRecord(record));
		}
	}
	return found;
}

/** An answer of the IOC API that says it failed (`success: false`) although the HTTP status was fine. */
export function refused(answer: unknown): boolean {
	const success = (answer as IDataObject | null)?.success;
	return success === false || (typeof success === 'string' && success.toLowerCase() === 'false');
}

export function refusalError(node: INode, answer: unknown, path: string): NodeApiError {
	const body = (answer ?? {}) as IDataObject;
	const message = [body.message, body.error].filter((part) => typeof part === 'string' && part !== '').join(': ') || 'Cytomic Orion refused the request';
	return apiError(node, { message, hint: `POST ${path} answered success: false` });
}

/** The count in "n IPIoc added" / "n IPIoc deleted", when the message has one. */
export function countIn(message: unknown): number | null {
	const match = typeof message === 'string' ? /^\s*(\d+)\b/.exec(message) : null;
	return match ? Number(match[1]) : null;
}

/** A write of IOCs: import or delete, with what it needs to tell how each IOC ended. */
export interface IocWrite {
	operation: typeof orion.importIocs | typeof orion.deleteIocs;
	query?: { retrospective?: boolean };
	lookupSize: number;
	/** Whether the IOC is as the write wants it, given what the getter found (or undefined). */
	settled(found: IDataObject | undefined): boolean;
	answered(entry: IocEntry, answer: IDataObject, sent: number): IDataObject;
	confirmed(entry: IocEntry, found: IDataObject | undefined): IDataObject;
}

/**
 * A write (import or delete) of one chunk. When Orion does not confirm it (server error, timeout,
 * dropped connection after sending), the getter tells which IOCs are already as wanted; only the
 * others are sent again, up to Max Retries. An IOC nobody could confirm ends with an error saying
 * its outcome is unknown.
 */
export async function writeChunk(client: OrionClient, node: INode, chunkEntries: IocEntry[], write: IocWrite): Promise<Map<IocEntry, EntryResult>> {
	const type = chunkEntries[0].type;
	const path = requestFor(write.operation, { path: { iocType: type } }).path;
	return await writeReconciled<IocEntry, IDataObject>({
		entries: chunkEntries,
		policy: client.policy,
		send: async (pending) => {
			const answer = await callOrionWrite(client, write.operation, {
				path: { iocType: type },
				...(write.query ? { query: write.query } : {}),
				body: pending.map((entry) => entry.body),
			});
			if ('unconfirmed' in answer) return answer;
			const error = refused(answer.body) ? refusalError(node, answer.body, path) : undefined;
			return { results: new Map(pending.map((entry) => [entry, error ?? write.answered(entry, answer.body, pending.length)])) };
		},
		lookUp: async (pending) => {
			const found = await lookUpIocs(client, type, pending.map((entry) => entry.value), write.lookupSize);
			const settled = new Map<IocEntry, EntryResult>();
			for (const entry of pending) {
				const record = found.get(iocKey(type, entry.value));
				if (write.settled(record)) settled.set(entry, write.confirmed(entry, record));
			}
			return settled;
		},
		unknown: (entry, cause) => unknownOutcomeError(node, `the ${type} ${entry.value}`, cause),
	});
}
