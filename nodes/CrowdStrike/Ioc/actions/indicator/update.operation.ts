import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, runPerItem, type ItemOutcome, type ParsedItem } from '../../../../common/items';
import { invalidField, validateField, wholeNumber } from '../../../../common/validation';
import { actionOptions, filterProperty, platformOptions, severityOptions } from '../../../shared/descriptions';
import { fqlSchema, indicatorIdSchema } from '../../../shared/schemas';
import { text } from '../../../../common/values';
import { falconClient, type FalconClient } from '../../../transport';
import { INDICATOR_FQL_FIELDS, indicatorFieldOptions, indicatorFields } from '../../../shared/indicator-fields';
import { hostGroupsProperty } from '../../../shared/indicator-host-groups';
import { updateIndicators, type IndicatorUpdateBody } from '../../../api/ioc';
import { indicatorError, refusalsIn, requestQuery, type IndicatorWrite } from '../../../shared/indicator-writes';

const show = { resource: ['indicator'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Update By',
		name: 'updateBy',
		type: 'options',
		options: [
			{ name: 'ID', value: 'id', description: 'Update one indicator per item; items are sent in batches' },
			{ name: 'Filter', value: 'filter', description: 'Update every indicator an FQL filter matches' },
		],
		default: 'id',
		displayOptions: { show },
	},
	{
		displayName: 'Indicator ID',
		name: 'indicatorId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, updateBy: ['id'] } },
	},
	filterProperty({ show: { ...show, updateBy: ['filter'] } }, INDICATOR_FQL_FIELDS, true),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Action', name: 'action', type: 'options', options: actionOptions, default: 'detect' },
			{ displayName: 'Applied Globally', name: 'appliedGlobally', type: 'boolean', default: true },
			hostGroupsProperty(undefined, 'The host groups the indicator applies to, replacing the current ones. By ID, an expression may also give several IDs.'),
			{ displayName: 'Platforms', name: 'platforms', type: 'multiOptions', options: platformOptions, default: [] },
			{ displayName: 'Severity', name: 'severity', type: 'options', options: severityOptions, default: 'medium' },
			...indicatorFieldOptions(),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', typeOptions: { minValue: 1, maxValue: 500 }, default: 100 },
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'An audit comment stored with the change' },
			{ displayName: 'Ignore Warnings', name: 'ignoreWarnings', type: 'boolean', default: false },
			{ displayName: 'Retrodetects', name: 'retrodetects', type: 'boolean', default: false },
		],
	},
];

function readUpdate(ctx: IExecuteFunctions, index: number): IndicatorWrite {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', index, {}) as IDataObject;
	const fields = indicatorFields(ctx, index, ctx.getNodeParameter('updateFields', index, {}) as IDataObject);
	if (Object.keys(fields).length === 0) invalidField(node, index, 'Update Fields', 'add at least one field to change');
	return {
		indicator: fields,
		request: {
			comment: validateField(node, text(1024), options.comment ?? '', index, 'Comment'),
			retrodetects: options.retrodetects === true,
			ignoreWarnings: options.ignoreWarnings === true,
		},
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	if (this.getNodeParameter('updateBy', 0) === 'filter') {
		return await runPerItem(this, items, {
			concurrency: client.policy.concurrency,
			parse: (index) => ({
				...readUpdate(this, index),
				filter: validateField(node, fqlSchema.refine((f) => f !== '', 'a filter is required'), this.getNodeParameter('filter', index), index, 'Filter'),
			}),
			run: async ({ indicator, request, filter }) => {
				const answer = await patch(client, request, { bulk_update: { filter, ...indicator } });
				return { json: { filter, updated: answer.meta.writes?.resources_affected ?? answer.resources?.length ?? 0, indicators: answer.resources ?? [] } };
			},
		});
	}
	const batchSize = wholeNumber(node, (this.getNodeParameter('options', 0, {}) as IDataObject).batchSize ?? 100, 0, 'Batch Size', 1, 500);
	return await runBatched(this, items, {
		parse: (index) => {
			const write = readUpdate(this, index);
			const id = validateField(node, indicatorIdSchema, this.getNodeParameter('indicatorId', index), index, 'Indicator ID').toLowerCase();
			return { ...write, indicator: { id, ...write.indicator } };
		},
		groupBy: (input) => JSON.stringify(input.request),
		batchSize,
		concurrency: client.policy.concurrency,
		run: async (batch: Array<ParsedItem<IndicatorWrite>>) => {
			const answer = await patch(client, batch[0].input.request, { indicators: batch.map((item) => item.input.indicator) });
			const updated = new Map((answer.resources ?? []).map((record) => [String(record.id), record]));
			const said = refusalsIn(answer);
			const outcomes = new Map<number, ItemOutcome>();
			for (const { index, input } of batch) {
				const id = String(input.indicator.id);
				const record = updated.get(id);
				if (record && !record.message) outcomes.set(index, [{ json: record }]);
				else outcomes.set(index, indicatorError(node, said(id) || `Indicator ${id} was not updated`, answer.meta.trace_id));
			}
			return outcomes;
		},
	});
}

async function patch(client: FalconClient, request: IndicatorWrite['request'], body: IndicatorUpdateBody) {
	return await updateIndicators(client, requestQuery(request), { ...(request.comment ? { comment: request.comment } : {}), ...body });
}
