import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { TaskQueue, chunk } from '../../../../common/concurrency';
import { eachWhileInFlight, readItems, toOutput, type ItemOutcome, type ParsedItem } from '../../../../common/items';
import { itemParameters } from '../../../../common/parameters';
import { removalLimitProblem, type RemovalLimit } from '../../../../common/removal-limit';
import { text } from '../../../../common/values';
import { numberOption, validateField } from '../../../../common/validation';
import { requestFor } from '../../../api';
import { deleteIndicators, ioc, updateIndicators } from '../../../api/ioc';
import { indicatorFieldOptions } from '../../../shared/indicator-fields';
import { expireNowPatch, updatePatch } from '../../../shared/indicator-sync';
import { createIndicators, indicatorError, refusalsIn, requestQuery, updatedById, type IndicatorWrite } from '../../../shared/indicator-writes';
import { iocReader } from '../../../shared/ioc-input';
import { fqlQuote } from '../../../shared/schemas';
import { FalconClient, collectByCursor, falconClient } from '../../../transport';
import { description as createDescription, parseCreate } from './create.operation';
import { distinct, SyncPlanner, type FeedEntry, type MissingFromFeed } from './sync-plan';

const show = { resource: ['indicator'], operation: ['sync'] };

/** The API's largest page for indicator queries. */
const PAGE_SIZE = 2000;
/** Indicators per create or update request (what Create sends by default). */
const WRITE_BATCH = 100;
/**
 * IDs per delete request. The spec sets no maximum for `ids`; they travel in the query string, and
 * 100 IDs of 64 characters keep the URL near 7 KB, under the 8 KB many proxies allow.
 */
const DELETE_BATCH = 100;

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Threat feed X',
		description:
			'The feed\'s name, stored as the indicators\' source. Only indicators with exactly this source are ever updated or removed: other feeds and hand-made indicators are never touched.',
		displayOptions: { show },
	},
	{
		displayName: 'Missing From Feed',
		name: 'missingFromFeed',
		type: 'options',
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete indicators of this source that the feed no longer lists' },
			{ name: 'Expire Now', value: 'expire', description: 'Set their expiration to now: Falcon keeps them, with No Action' },
			{ name: 'Keep', value: 'keep', description: 'Leave them as they are' },
		],
		default: 'delete',
		description: 'What happens to indicators of this source that are not in the feed',
		displayOptions: { show },
	},
	{
		displayName: 'Max Removals',
		name: 'maxRemovals',
		type: 'options',
		options: [
			{ name: 'Share of Existing Indicators', value: 'share', description: 'Refuse a run that would remove more than this percentage' },
			{ name: 'Number of Indicators', value: 'count', description: 'Refuse a run that would remove more than this many' },
			{ name: 'No Limit', value: 'none' },
		],
		default: 'share',
		description: 'A safety check: a truncated or empty feed must not wipe the source\'s indicators. A run over the limit is refused before anything is written.',
		displayOptions: { show: { ...show, missingFromFeed: ['delete', 'expire'] } },
	},
	{
		displayName: 'Max Removals (%)',
		name: 'maxRemovalsPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description: 'The largest share of the existing indicators of this source one run may remove',
		displayOptions: { show: { ...show, missingFromFeed: ['delete', 'expire'], maxRemovals: ['share'] } },
	},
	{
		displayName: 'Max Removals (Count)',
		name: 'maxRemovalsCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		description: 'The most indicators one run may remove',
		displayOptions: { show: { ...show, missingFromFeed: ['delete', 'expire'], maxRemovals: ['count'] } },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only report what the sync would create, update and remove, without changing anything',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: indicatorFieldOptions().filter((option) => option.name !== 'source'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: createOptions(['comment', 'ignoreWarnings', 'retrodetects']),
	},
];

/** Create's options of these names (a sync's writes take the same comment, warnings and retrodetects). */
function createOptions(names: string[]): INodeProperties['options'] {
	const options = createDescription.find((property) => property.name === 'options')?.options as INodeProperties[];
	return options.filter((option) => names.includes(option.name));
}

interface SyncSettings {
	source: string;
	missingFromFeed: MissingFromFeed;
	limit: RemovalLimit;
	dryRun: boolean;
}

interface Removal {
	done: string[];
	failed: Array<{ ids: string[]; error: Error }>;
}

const sourceSchema = text(256).transform((value) => value.trim()).refine((value) => value !== '', 'a source is required');

function readSettings(ctx: IExecuteFunctions, node: INode): SyncSettings {
	const missingFromFeed = ctx.getNodeParameter('missingFromFeed', 0, 'delete') as MissingFromFeed;
	const kind = missingFromFeed === 'keep' ? 'none' : (ctx.getNodeParameter('maxRemovals', 0, 'share') as RemovalLimit['kind']);
	let limit: RemovalLimit = { kind: 'none' };
	if (kind === 'share') {
		limit = { kind, percent: numberOption(node, ctx.getNodeParameter('maxRemovalsPercent', 0, 10), 0, 'Max Removals (%)', { min: 0, max: 100, fallback: 10 }) };
	} else if (kind === 'count') {
		limit = { kind, count: numberOption(node, ctx.getNodeParameter('maxRemovalsCount', 0, 100), 0, 'Max Removals (Count)', { min: 0, integer: true, fallback: 100 }) };
	}
	return {
		source: validateField(node, sourceSchema, ctx.getNodeParameter('source', 0, ''), 0, 'Source'),
		missingFromFeed,
		limit,
		dryRun: ctx.getNodeParameter('dryRun', 0, false) === true,
	};
}

/**
 * Lists every indicator of the source (the MSSP parent's, which this CID cannot change, left out),
 * handing each page to `take` while the next is on its way. Answers how many pages it read.
 */
async function listSource(client: FalconClient, source: string, take: (records: IDataObject[]) => void): Promise<number> {
	const request = requestFor(ioc.indicatorCombined, { query: { filter: `source:${fqlQuote(source)}` } });
	const { requests } = await collectByCursor<IDataObject, never>(client, request, { returnAll: true, limit: Number.POSITIVE_INFINITY }, PAGE_SIZE, {
		mapPage: (records) => {
			take(records.filter((record) => record.source === source && record.from_parent !== true));
			return [];
		},
	});
	return requests;
}

/**
 * Reads every feed item as Create does, the source set on each (the shared item reader: with On
 * Error → Continue it pauses now and then, so the list of existing indicators, already on its way,
 * is read meanwhile; without it, the first invalid item stops the run before any request).
 */
async function readFeed(
	ctx: IExecuteFunctions,
	node: INode,
	count: number,
	source: string,
): Promise<{ feed: Array<ParsedItem<IndicatorWrite>>; invalid: Map<number, ItemOutcome> }> {
	const parameter = itemParameters(ctx);
	const readIoc = iocReader(ctx);
	const feed: Array<ParsedItem<IndicatorWrite>> = [];
	const invalid = await readItems(
		ctx,
		count,
		(index) => {
			const write = parseCreate(ctx, node, parameter, readIoc(index), index);
			write.indicator.source = source;
			return write;
		},
		(item) => feed.push(item),
	);
	return { feed, invalid };
}

const brief = (record: IDataObject) => ({ id: record.id, type: record.type, value: record.value });

function duplicateNote(entry: FeedEntry): string | undefined {
	if (entry.repeats.length === 0) return undefined;
	return `The feed lists this indicator ${entry.repeats.length + 1} times (items ${[entry.item.index, ...entry.repeats].join(', ')}): merged, with the fields of item ${entry.item.index}`;
}

/** Each line of an entry gets the entry's result; a repeated line says which it repeats. */
function settle(outcomes: Map<number, ItemOutcome>, entry: FeedEntry, outcome: IDataObject | Error) {
	const note = duplicateNote(entry);
	for (const index of [entry.item.index, ...entry.repeats]) {
		if (outcome instanceof Error) outcomes.set(index, outcome);
		else outcomes.set(index, [{ json: note ? { ...outcome, note } : outcome }]);
	}
}

function itemResult(result: string, record: IDataObject, extra: IDataObject = {}): IDataObject {
	return { result, id: record.id, type: record.type, value: record.value, ...extra, indicator: record };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const settings = readSettings(this, node);
	const continueOnFail = this.continueOnFail();
	const planner = new SyncPlanner();
	// With On Error → Continue, items are read while the list is on its way; otherwise all are read first.
	const listing = continueOnFail ? listSource(client, settings.source, planner.take) : undefined;
	listing?.catch(() => undefined);
	const { feed, invalid } = await readFeed(this, node, items.length, settings.source);
	const byKey = distinct(feed);
	await planner.setFeed(byKey);
	const pages = await (listing ?? listSource(client, settings.source, planner.take));
	const now = Date.now();
	const entries = [...byKey.values()];
	const work = planner.plan(entries, settings.missingFromFeed, invalid.size, now);
	const existing = planner.existing;

	const outcomes = new Map<number, ItemOutcome>(invalid);
	const limitProblem = removalLimitProblem(settings.limit, work.remove.length, existing, `indicators of source "${settings.source}"`);
	const counts = { feedItems: items.length, distinct: entries.length, duplicates: feed.length - entries.length, invalid: invalid.size, existing };
	const summary: IDataObject = { result: 'summary', source: settings.source, dryRun: settings.dryRun, missingFromFeed: settings.missingFromFeed, ...counts };

	if (settings.dryRun) {
		for (const entry of work.create) settle(outcomes, entry, { result: 'toCreate', type: entry.item.input.indicator.type, value: entry.item.input.indicator.value });
		for (const { entry, record, changed } of work.update) settle(outcomes, entry, itemResult('toUpdate', record, { changed }));
		for (const { entry, record } of work.unchanged) settle(outcomes, entry, itemResult('unchanged', record));
		Object.assign(summary, {
			toCreate: work.create.length,
			toUpdate: work.update.length,
			unchanged: work.unchanged.length,
			toRemove: work.remove.length,
			kept: work.missing.length - work.remove.length,
			...(limitProblem ? { refused: `${limitProblem}: a run without Dry Run would be refused` } : {}),
			requests: { list: pages },
			createList: work.create.map((entry) => ({ type: entry.item.input.indicator.type, value: entry.item.input.indicator.value })),
			updateList: work.update.map(({ record, changed }) => ({ ...brief(record), changed })),
			removeList: work.remove.map(brief),
			...(work.notes.length > 0 ? { notes: work.notes } : {}),
		});
		return [...toOutput(this, items.length, outcomes), { json: summary, pairedItem: { item: 0 } }];
	}
	if (limitProblem) {
		throw new NodeOperationError(node, `${limitProblem}. Nothing was written.`, {
			description: 'Check that the feed is complete, or raise Max Removals. Dry Run shows what the run would remove.',
		});
	}

	const requests = { list: pages, create: 0, update: 0, remove: 0 };
	const removal: Removal = { done: [], failed: [] };
	const queue = new TaskQueue(client.policy.concurrency);
	const { request } = feed[0]?.input ?? { request: { comment: '', retrodetects: false, ignoreWarnings: false } };
	const comment = request.comment ? { comment: request.comment } : {};
	const query = requestQuery(request);
	const guarded = (task: () => Promise<void>, onError: (error: Error) => void) =>
		queue.add(async () => {
			try {
				await task();
			} catch (error) {
				onError(error as Error);
			}
		});

	for (const batch of chunk(work.create, WRITE_BATCH)) {
		guarded(
			async () => {
				requests.create++;
				const created = await createIndicators(client, node, batch.map((entry) => entry.item));
				for (const entry of batch) {
					const outcome = created.get(entry.item.index);
					settle(outcomes, entry, Array.isArray(outcome) ? itemResult('created', outcome[0].json) : (outcome ?? new Error('This indicator was not processed')));
				}
			},
			(error) => batch.forEach((entry) => settle(outcomes, entry, error)),
		);
	}
	for (const batch of chunk(work.update, WRITE_BATCH)) {
		guarded(
			async () => {
				requests.update++;
				const answer = await updateIndicators(client, query, { ...comment, indicators: batch.map(({ entry, record }) => updatePatch(entry.item.input.indicator, String(record.id))) });
				const updated = updatedById(answer);
				const said = refusalsIn(answer);
				for (const { entry, record, changed } of batch) {
					const id = String(record.id);
					const after = updated.get(id);
					settle(
						outcomes,
						entry,
						after ? itemResult('updated', after, { changed }) : indicatorError(node, said(id) || `Indicator ${id} was not updated`, answer.meta.trace_id),
					);
				}
			},
			(error) => batch.forEach(({ entry }) => settle(outcomes, entry, error)),
		);
	}
	for (const batch of chunk(work.remove, settings.missingFromFeed === 'delete' ? DELETE_BATCH : WRITE_BATCH)) {
		const ids = batch.map((record) => String(record.id));
		guarded(
			async () => {
				requests.remove++;
				const outcome = settings.missingFromFeed === 'delete' ? await remove(client, node, ids, comment) : await expire(client, node, ids, comment, Date.now());
				removal.done.push(...(outcome.done ?? []));
				removal.failed.push(...(outcome.failed ?? []));
			},
			(error) => removal.failed.push({ ids, error }),
		);
	}
	await eachWhileInFlight(work.unchanged, ({ entry, record }) => settle(outcomes, entry, itemResult('unchanged', record)));
	await queue.drain();

	const output = toOutput(this, items.length, outcomes);
	if (removal.failed.length > 0 && !continueOnFail) throw removal.failed[0].error;
	// Counted by indicator: repeated lines share their first line's result.
	const results = { created: 0, updated: 0, unchanged: 0, failed: 0 };
	for (const entry of entries) {
		const outcome = outcomes.get(entry.item.index);
		if (!Array.isArray(outcome)) results.failed++;
		else results[outcome[0].json.result as 'created' | 'updated' | 'unchanged']++;
	}
	const removedKey = settings.missingFromFeed === 'expire' ? 'expired' : 'removed';
	Object.assign(summary, {
		...results,
		[removedKey]: removal.done.length,
		kept: work.missing.length - work.remove.length,
		requests: { ...requests, total: requests.list + requests.create + requests.update + requests.remove },
		[`${removedKey}Ids`]: removal.done,
		...(removal.failed.length > 0
			? { removalErrors: removal.failed.map(({ ids, error }) => ({ error: error.message, ids })) }
			: {}),
		...(work.notes.length > 0 ? { notes: work.notes } : {}),
	});
	return [...output, { json: summary, pairedItem: { item: 0 } }];
}

/** Deletes by IDs: the IDs gone afterwards (deleted now, or gone already: the API's 404 for them), and those it refused. */
async function remove(client: FalconClient, node: INode, ids: string[], comment: { comment?: string }): Promise<Partial<Removal>> {
	const answer = await deleteIndicators(client, { ids, ...comment });
	const gone = new Set((answer.resources ?? []).map((id) => String(id).toLowerCase()));
	for (const entry of answer.errors ?? []) if (entry.code === 404 && entry.id) gone.add(String(entry.id).toLowerCase());
	const refused = ids.filter((id) => !gone.has(id.toLowerCase()));
	return {
		done: ids.filter((id) => gone.has(id.toLowerCase())),
		failed: refused.length > 0 ? [{ ids: refused, error: indicatorError(node, FalconClient.messagesOf(answer) || 'CrowdStrike did not delete these indicators', answer.meta.trace_id) }] : [],
	};
}

/** Sets the expiration of these indicators to now: the IDs the API reports updated, and those it refused. */
async function expire(client: FalconClient, node: INode, ids: string[], comment: { comment?: string }, now: number): Promise<Partial<Removal>> {
	const answer = await updateIndicators(client, {}, { ...comment, indicators: ids.map((id) => expireNowPatch(id, now)) });
	const updated = updatedById(answer);
	const refused = ids.filter((id) => !updated.has(id));
	const said = refusalsIn(answer);
	const message = refused.map(said).filter(Boolean).join('; ');
	return {
		done: ids.filter((id) => updated.has(id)),
		failed: refused.length > 0 ? [{ ids: refused, error: indicatorError(node, message || 'CrowdStrike did not expire these indicators', answer.meta.trace_id) }] : [],
	};
}
