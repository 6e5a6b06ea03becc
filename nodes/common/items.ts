import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { TaskQueue, mapWithConcurrency } from './concurrency';

/** One output item an input produced, before n8n's pairing is attached. */
export interface ItemResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/** What one input item ended as: its output items (maybe none), or the reason it failed. */
export type ItemOutcome = ItemResult[] | Error;

export interface ParsedItem<I> {
	index: number;
	input: I;
}

export function results(records: IDataObject[]): ItemResult[] {
	return records.map((json) => ({ json }));
}

interface PerItemSpec<I> {
	parse(this: void, index: number): I | Promise<I>;
	run(this: void, input: I, index: number): Promise<ItemResult | ItemResult[]>;
	concurrency: number;
}

interface BatchedSpec<I> {
	parse(this: void, index: number): I | Promise<I>;
	/** Answers an outcome for every item of the batch; per-item API errors are returned, not thrown. */
	run(this: void, batch: Array<ParsedItem<I>>): Promise<Map<number, ItemOutcome>>;
	batchSize: number;
	concurrency: number;
	/** Items that cannot share a request (another comment, another IOC type) go to different batches. */
	groupBy?(this: void, input: I): string;
}

/** How long items are read without a pause, so answers that arrived meanwhile are handled and the next requests go out. */
const READ_SLICE_MS = 8;

/** Work done in slices of READ_SLICE_MS, with one turn of the event loop between them. */
class Slices {
	private start = performance.now();

	restart(): void {
		this.start = performance.now();
	}

	due(): boolean {
		return performance.now() - this.start >= READ_SLICE_MS;
	}

	async pause(): Promise<void> {
		await sleep(0);
		this.restart();
	}
}

/**
 * Reads and validates every input item. Without continueOnFail the first invalid item stops the
 * run before any request is sent, so all items are read before `onValid` sees the first one. With
 * continueOnFail an invalid item only becomes its own error item, so each valid item is handed on
 * at once: its request can go out while later items are still being read. Reading then stays only
 * a little ahead of the requests (`queue.room`): the thread is free when answers arrive, and a
 * token or a next request is never held up behind thousands of items still to be read.
 */
export async function readItems<I>(
	ctx: IExecuteFunctions,
	count: number,
	parse: (index: number) => I | Promise<I>,
	onValid: (item: ParsedItem<I>) => void,
	readAhead?: { queue: TaskQueue; tasks: number },
): Promise<Map<number, ItemOutcome>> {
	const outcomes = new Map<number, ItemOutcome>();
	const continueOnFail = ctx.continueOnFail();
	const valid: Array<ParsedItem<I>> = [];
	const slices = new Slices();
	for (let index = 0; index < count; index++) {
		if (continueOnFail && readAhead && readAhead.queue.backlog >= readAhead.tasks) {
			await readAhead.queue.room(readAhead.tasks);
			slices.restart();
		}
		try {
			const item = { index, input: await parse(index) };
			if (continueOnFail) onValid(item);
			else valid.push(item);
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(ctx, error, index);
			outcomes.set(index, error as Error);
		}
		if (continueOnFail && slices.due()) await slices.pause();
	}
	for (const item of valid) onValid(item);
	return outcomes;
}

/**
 * Runs `step` on each entry while requests are in flight: it first lets the requests just queued
 * leave, then pauses as item reading does, so that answers are read as they come and the next
 * requests go out.
 */
export async function eachWhileInFlight<T>(entries: readonly T[], step: (entry: T) => void): Promise<void> {
	const slices = new Slices();
	await slices.pause();
	for (const entry of entries) {
		step(entry);
		if (slices.due()) await slices.pause();
	}
}

export async function runPerItem<I>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: PerItemSpec<I>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const queue = new TaskQueue(spec.concurrency);
	const produced = new Map<number, ItemOutcome>();
	const outcomes = await readItems(
		ctx,
		items.length,
		spec.parse,
		({ index, input }) =>
			queue.add(async () => {
				try {
					const result = await spec.run(input, index);
					produced.set(index, Array.isArray(result) ? result : [result]);
				} catch (error) {
					if (!continueOnFail) throw withItemIndex(ctx, error, index);
					produced.set(index, error as Error);
				}
			}),
		{ queue, tasks: 2 * spec.concurrency },
	);
	await queue.drain();
	for (const [index, outcome] of produced) outcomes.set(index, outcome);
	return toOutput(ctx, items.length, outcomes);
}

export async function runBatched<I>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchedSpec<I>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const queue = new TaskQueue(spec.concurrency);
	const answeredOutcomes = new Map<number, ItemOutcome>();
	const send = (batch: Array<ParsedItem<I>>) =>
		queue.add(async () => {
			let answered: Map<number, ItemOutcome>;
			try {
				answered = await spec.run(batch);
			} catch (error) {
				if (!continueOnFail) throw withItemIndex(ctx, error, batch[0].index);
				answered = new Map(batch.map(({ index }) => [index, error as Error]));
			}
			for (const { index } of batch) {
				answeredOutcomes.set(index, answered.get(index) ?? new Error('The API gave no answer for this item'));
			}
		});
	// A batch goes out as soon as it is full; the rest go when every item has been read.
	const open = new Map<string, Array<ParsedItem<I>>>();
	const outcomes = await readItems(
		ctx,
		items.length,
		spec.parse,
		(item) => {
			const key = spec.groupBy ? spec.groupBy(item.input) : '';
			const batch = open.get(key) ?? [];
			batch.push(item);
			if (batch.length >= spec.batchSize) {
				open.delete(key);
				send(batch);
			} else open.set(key, batch);
		},
		{ queue, tasks: spec.concurrency },
	);
	for (const batch of open.values()) send(batch);
	await queue.drain();
	for (const [index, outcome] of answeredOutcomes) outcomes.set(index, outcome);
	return toOutput(ctx, items.length, outcomes);
}

/** The output of every input item in order, paired to it; a failure becomes an error item (On Error → Continue) or is thrown. */
export function toOutput(ctx: IExecuteFunctions, count: number, outcomes: Map<number, ItemOutcome>): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	const continueOnFail = ctx.continueOnFail();
	for (let index = 0; index < count; index++) {
		const outcome = outcomes.get(index) ?? new Error('This item was not processed');
		if (outcome instanceof Error) {
			if (!continueOnFail) throw withItemIndex(ctx, outcome, index);
			output.push({ json: errorJson(outcome), pairedItem: { item: index } });
			continue;
		}
		// One pairing object for all the outputs of an input, as n8n's constructExecutionMetaData does.
		const pairedItem = { item: index };
		for (const result of outcome) output.push(result.binary ? { json: result.json, binary: result.binary, pairedItem } : { json: result.json, pairedItem });
	}
	return output;
}

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const details = error as Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	if (details.description) json.description = details.description;
	if (details.httpCode) json.httpCode = details.httpCode;
	if (details.context?.traceId) json.traceId = details.context.traceId;
	return json;
}

/**
 * A step each item of a batch takes before the batch's one request (its file's upload), at most
 * `concurrency` at a time: what it gave for the items it succeeded for, in item order, and the
 * failures as those items' outcomes (without On Error → Continue the first failure is thrown).
 */
export async function eachOfBatch<I, R>(
	ctx: IExecuteFunctions,
	batch: Array<ParsedItem<I>>,
	concurrency: number,
	step: (item: ParsedItem<I>) => Promise<R>,
): Promise<{ done: Array<{ index: number; value: R }>; outcomes: Map<number, ItemOutcome> }> {
	const continueOnFail = ctx.continueOnFail();
	const outcomes = new Map<number, ItemOutcome>();
	const done: Array<{ index: number; value: R }> = [];
	await mapWithConcurrency(batch, concurrency, async (item) => {
		try {
			done.push({ index: item.index, value: await step(item) });
		} catch (error) {
			if (!continueOnFail) throw atItem(error, item.index);
			outcomes.set(item.index, error as Error);
		}
	});
	done.sort((a, b) => a.index - b.index);
	return { done, outcomes };
}

/** The error, marked as the failure of this item unless it already names one (a batch's request failing for its first item). */
export function atItem(error: unknown, itemIndex: number): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) error.context.itemIndex ??= itemIndex;
	return error;
}

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Each successful item's records reshaped (e.g. simplified) as its own input asks. */
export function shapeOutcomes<I>(
	outcomes: Map<number, ItemOutcome>,
	batch: Array<ParsedItem<I>>,
	shape: (json: IDataObject, input: I) => IDataObject,
): Map<number, ItemOutcome> {
	for (const { index, input } of batch) {
		const outcome = outcomes.get(index);
		if (Array.isArray(outcome)) outcomes.set(index, outcome.map((result) => ({ ...result, json: shape(result.json, input) })));
	}
	return outcomes;
}
