import type { IDataObject, IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { invalidField, parseJsonField } from '../../common/validation';
import { showWith } from './descriptions';

const AGGREGATE_TYPES = [
	'terms',
	'date_histogram',
	'date_range',
	'range',
	'cardinality',
	'max',
	'min',
	'avg',
	'sum',
	'percentiles',
] as const;

/** The aggregate query fields shared by the IOC, Quick Scan and Quarantine "Get Aggregates" operations. */
export function aggregateProperties(displayOptions: IDisplayOptions, fieldHint: string): INodeProperties[] {
	const show = (extra: Parameters<typeof showWith>[1]) => showWith(displayOptions, extra);
	return [
		{
			displayName: 'Define Query',
			name: 'aggregateMode',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'fields',
			displayOptions,
		},
		{
			displayName: 'Aggregation Type',
			name: 'aggregationType',
			type: 'options',
			options: AGGREGATE_TYPES.map((value) => ({ name: value.replace('_', ' ').replace(/\b\w/g, (c) => c.toUpperCase()), value })),
			default: 'terms',
			displayOptions: show({ aggregateMode: ['fields'] }),
		},
		{
			displayName: 'Field',
			name: 'field',
			type: 'string',
			default: '',
			required: true,
			description: `The field to aggregate on, e.g. ${fieldHint}`,
			displayOptions: show({ aggregateMode: ['fields'] }),
		},
		{
			displayName: 'Interval',
			name: 'interval',
			type: 'options',
			options: ['year', 'month', 'week', 'day', 'hour', 'minute'].map((value) => ({
				name: value[0].toUpperCase() + value.slice(1),
				value,
			})),
			default: 'day',
			displayOptions: show({ aggregateMode: ['fields'], aggregationType: ['date_histogram'] }),
		},
		{
			displayName: 'Aggregate Options',
			name: 'aggregateOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show({ aggregateMode: ['fields'] }),
			options: [
				{ displayName: 'Filter', name: 'filter', type: 'string', default: '', description: 'An FQL filter for the documents aggregated' },
				{ displayName: 'Min Doc Count', name: 'min_doc_count', type: 'number', default: 0 },
				{ displayName: 'Missing', name: 'missing', type: 'string', default: '', description: 'The bucket name for documents without the field' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'A name for the result; defaults to the field' },
				{ displayName: 'Size', name: 'size', type: 'number', typeOptions: { minValue: 1 }, default: 10, description: 'How many buckets to return' },
				{ displayName: 'Sort', name: 'sort', type: 'string', default: '', placeholder: '_count|desc' },
				{ displayName: 'Time Zone', name: 'time_zone', type: 'string', default: '', placeholder: 'UTC' },
			],
		},
		{
			displayName: 'Aggregate Query (JSON)',
			name: 'aggregateJson',
			type: 'json',
			default: '{\n  "name": "by_type",\n  "type": "terms",\n  "field": "type",\n  "size": 10\n}',
			description: 'An aggregate query as CrowdStrike documents it (name, type, field, filter, interval, size, sort, date_ranges, ranges, sub_aggregates, …), or a list of them: each is sent in its own request and their results follow one another',
			displayOptions: show({ aggregateMode: ['json'] }),
		},
	];
}

export interface AggregateParameters {
	aggregateMode: string;
	aggregationType?: string;
	field?: string;
	interval?: string;
	aggregateOptions?: IDataObject;
	aggregateJson?: unknown;
}

/** The aggregate queries an item asks for; the API takes one msa.AggregateQueryRequest per request. */
export function aggregateBody(node: INode, params: AggregateParameters, itemIndex: number): IDataObject[] {
	if (params.aggregateMode === 'json') {
		const parsed = parseJsonField(node, params.aggregateJson, itemIndex, 'Aggregate Query (JSON)');
		const queries = Array.isArray(parsed) ? parsed : [parsed];
		if (queries.length === 0 || !queries.every((query) => query && typeof query === 'object' && !Array.isArray(query))) {
			invalidField(node, itemIndex, 'Aggregate Query (JSON)', 'expected an aggregate query object or a list of them');
		}
		for (const query of queries as IDataObject[]) {
			if (!AGGREGATE_TYPES.includes(query.type as (typeof AGGREGATE_TYPES)[number])) {
				invalidField(node, itemIndex, 'Aggregate Query (JSON)', `"type" must be one of ${AGGREGATE_TYPES.join(', ')}`);
			}
		}
		return queries as IDataObject[];
	}
	if (!AGGREGATE_TYPES.includes(params.aggregationType as (typeof AGGREGATE_TYPES)[number])) {
		invalidField(node, itemIndex, 'Aggregation Type', `must be one of ${AGGREGATE_TYPES.join(', ')}`);
	}
	const field = typeof params.field === 'string' ? params.field.trim() : '';
	if (!/^[\w.]+$/.test(field)) invalidField(node, itemIndex, 'Field', 'expected a field name such as created_on');
	const options = Object.fromEntries(
		Object.entries(params.aggregateOptions ?? {}).filter(([, value]) => value !== '' && value !== undefined),
	);
	const query: IDataObject = { name: field, ...options, type: params.aggregationType ?? 'terms', field };
	if (query.type === 'date_histogram') query.interval = params.interval ?? 'day';
	return [query];
}

/** What each aggregate field reads as when the chosen mode hides it: n8n throws for a hidden parameter read without a fallback. */
const AGGREGATE_FALLBACKS: Record<keyof AggregateParameters, unknown> = {
	aggregateMode: 'fields',
	aggregationType: 'terms',
	field: '',
	interval: 'day',
	aggregateOptions: {},
	aggregateJson: '',
};

/** An item's aggregate query, from the fields `aggregateProperties` adds. */
export function readAggregateQuery(ctx: IExecuteFunctions, index: number): IDataObject[] {
	const params = Object.fromEntries(
		Object.entries(AGGREGATE_FALLBACKS).map(([name, fallback]) => [name, ctx.getNodeParameter(name, index, fallback)]),
	) as unknown as AggregateParameters;
	return aggregateBody(ctx.getNode(), params, index);
}

/**
 * Runs each query in its own request (the spec's body is one msa.AggregateQueryRequest object, not a
 * list) and gives their results in order.
 */
export async function aggregateEach(queries: IDataObject[], send: (query: IDataObject) => Promise<{ resources: IDataObject[] | null }>): Promise<IDataObject[]> {
	const resources: IDataObject[] = [];
	for (const query of queries) resources.push(...((await send(query)).resources ?? []));
	return resources;
}
