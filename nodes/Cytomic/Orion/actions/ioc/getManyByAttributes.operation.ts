import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { iocKey } from '../../../shared/ioc-types';
import { orionClient } from '../../../transport';
import { entriesOf, itemOutcomes, lookUpIocs, sendInChunks, valueBody, type EntryResult, type IocEntry } from './batches';
import { batchSizeOption, iocTypeProperty, iocValuesProperty, iocsReader, readBatchSize } from './fields';

const show = { resource: ['ioc'], operation: ['getManyByAttributes'] };

export const description: INodeProperties[] = [
	iocTypeProperty(show),
	iocValuesProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [batchSizeOption(50, 'looks up')],
	},
];

/** One item per IOC asked for: the platform's record with `found: true`, or `found: false`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = orionClient(this);
	const batchSize = readBatchSize(this, 50);
	const readIocs = iocsReader(this);
	return await runBatched(this, items, {
		parse: (index) => readIocs(index),
		groupBy: (input) => input.type,
		batchSize,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const { type } = batch[0].input;
			const entries = entriesOf(batch, (input, value) => valueBody(input.type, value));
			const results = await sendInChunks(entries, batchSize, async (part) => {
				const found = await lookUpIocs(client, type, part.map((entry) => entry.value), batchSize);
				return new Map<IocEntry, EntryResult>(
					part.map((entry) => {
						const record = found.get(iocKey(type, entry.value));
						return [entry, { iocType: type, value: entry.value, found: record !== undefined, ...(record ?? {}) }];
					}),
				);
			});
			return itemOutcomes(batch, entries, results);
		},
	});
}
