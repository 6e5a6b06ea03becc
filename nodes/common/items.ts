import {
	NodeApiError,
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { chunk, mapWithConcurrency } from './concurrency';

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

/**
 * Every input item validated first, so bad input fails before any request is sent. Without
 * continueOnFail the first invalid item stops the run; with it, each invalid item becomes its error item.
 */
async function parseAll<I>(
	ctx: IExecuteFunctions,
	count: number,
	parse: (index: number) => I | Promise<I>,
): Promise<{ valid: Array<ParsedItem<I>>; outcomes: Map<number, ItemOutcome> }> {
	const valid: Array<ParsedItem<I>> = [];
	const outcomes = new Map<number, ItemOutcome>();
	for (let index = 0; index < count; index++) {
		try {
			valid.push({ index, input: await parse(index) });
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, index);
			outcomes.set(index, error as Error);
		}
	}
	return { valid, outcomes };
}

export async function runPerItem<I>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: PerItemSpec<I>,
): Promise<INodeExecutionData[]> {
	const { valid, outcomes } = await parseAll(ctx, items.length, spec.parse);
	const continueOnFail = ctx.continueOnFail();
	await mapWithConcurrency(valid, spec.concurrency, async ({ index, input }) => {
		try {
			const produced = await spec.run(input, index);
			outcomes.set(index, Array.isArray(produced) ? produced : [produced]);
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(ctx, error, index);
			outcomes.set(index, error as Error);
		}
	});
	return toOutput(ctx, items.length, outcomes);
}

export async function runBatched<I>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchedSpec<I>,
): Promise<INodeExecutionData[]> {
	const { valid, outcomes } = await parseAll(ctx, items.length, spec.parse);
	const continueOnFail = ctx.continueOnFail();
	await mapWithConcurrency(batches(valid, spec), spec.concurrency, async (batch) => {
		let answered: Map<number, ItemOutcome>;
		try {
			answered = await spec.run(batch);
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(ctx, error, batch[0].index);
			answered = new Map(batch.map(({ index }) => [index, error as Error]));
		}
		for (const { index } of batch) {
			outcomes.set(index, answered.get(index) ?? new Error('The API gave no answer for this item'));
		}
	});
	return toOutput(ctx, items.length, outcomes);
}

function batches<I>(valid: Array<ParsedItem<I>>, spec: BatchedSpec<I>): Array<Array<ParsedItem<I>>> {
	if (!spec.groupBy) return chunk(valid, spec.batchSize);
	const groups = new Map<string, Array<ParsedItem<I>>>();
	for (const item of valid) {
		const key = spec.groupBy(item.input);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return [...groups.values()].flatMap((group) => chunk(group, spec.batchSize));
}

function toOutput(ctx: IExecuteFunctions, count: number, outcomes: Map<number, ItemOutcome>): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	const continueOnFail = ctx.continueOnFail();
	for (let index = 0; index < count; index++) {
		const outcome = outcomes.get(index) ?? new Error('This item was not processed');
		if (outcome instanceof Error) {
			if (!continueOnFail) throw withItemIndex(ctx, outcome, index);
			output.push({ json: errorJson(outcome), pairedItem: { item: index } });
			continue;
		}
		for (const result of outcome) output.push({ ...result, pairedItem: { item: index } });
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
