import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, runPerItem, type ItemOutcome } from '../../../../common/items';
import { validateField } from '../../../../common/validation';
import { filterProperty, idsProperty } from '../../../shared/descriptions';
import { notFoundError } from '../../../shared/entity-errors';
import { readIds } from '../../../shared/ids-input';
import { fqlSchema, indicatorIdSchema } from '../../../shared/schemas';
import { text } from '../../../../common/values';
import { falconClient, type FalconClient } from '../../../transport';
import { INDICATOR_FQL_FIELDS } from '../../../shared/indicator-fields';
import { deleteIndicators } from '../../../api/ioc';
import { chunk } from '../../../../common/concurrency';

const show = { resource: ['indicator'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Delete By',
		name: 'deleteBy',
		type: 'options',
		options: [
			{ name: 'IDs', value: 'ids' },
			{ name: 'Filter', value: 'filter', description: 'Delete every indicator an FQL filter matches' },
		],
		default: 'ids',
		displayOptions: { show },
	},
	idsProperty({ show: { ...show, deleteBy: ['ids'] } }, 'Indicator'),
	filterProperty({ show: { ...show, deleteBy: ['filter'] } }, INDICATOR_FQL_FIELDS, true),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'An audit comment stored with the deletion' },
			{
				displayName: 'From Parent',
				name: 'fromParent',
				type: 'boolean',
				default: false,
				description: "Whether to delete the MSSP parent's indicators",
			},
		],
	},
];

interface DeleteInput {
	ids: string[];
	filter: string;
	qs: IDataObject;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const byFilter = this.getNodeParameter('deleteBy', 0) === 'filter';
	const parse = (index: number): DeleteInput => {
		const options = this.getNodeParameter('options', index, {}) as IDataObject;
		const comment = validateField(node, text(1024), options.comment ?? '', index, 'Comment');
		return {
			ids: byFilter ? [] : readIds(this, index, indicatorIdSchema, 'Indicator IDs').map((id) => id.toLowerCase()),
			filter: byFilter
				? validateField(node, fqlSchema.refine((f) => f !== '', 'a filter is required'), this.getNodeParameter('filter', index), index, 'Filter')
				: '',
			qs: { ...(comment ? { comment } : {}), ...(options.fromParent === true ? { from_parent: true } : {}) },
		};
	};
	if (byFilter) {
		return await runPerItem(this, items, {
			concurrency: 1,
			parse,
			run: async ({ filter, qs }) => {
				const deleted = await remove(client, { ...qs, filter });
				return { json: { filter, deleted: deleted.length, ids: deleted } };
			},
		});
	}
	return await runBatched(this, items, {
		parse,
		groupBy: (input) => JSON.stringify(input.qs),
		batchSize: 100,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const deleted = new Set<string>();
			for (const ids of chunk([...new Set(batch.flatMap((item) => item.input.ids))], 100)) {
				for (const id of await remove(client, { ...batch[0].input.qs, ids })) deleted.add(id.toLowerCase());
			}
			const outcomes = new Map<number, ItemOutcome>();
			for (const { index, input } of batch) {
				const missing = input.ids.filter((id) => !deleted.has(id));
				outcomes.set(
					index,
					missing.length > 0 ? notFoundError(node, 'Indicator', missing, undefined, undefined) : input.ids.map((id) => ({ json: { id, deleted: true } })),
				);
			}
			return outcomes;
		},
	});
}

/** Deletes and answers the IDs CrowdStrike reports deleted. */
async function remove(client: FalconClient, qs: IDataObject): Promise<string[]> {
	const answer = await deleteIndicators(client, qs);
	return (answer.resources ?? []).map(String);
}
