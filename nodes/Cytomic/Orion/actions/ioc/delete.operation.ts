import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { orionClient } from '../../../transport';
import { orion } from '../../../api';
import { countIn, entriesOf, itemOutcomes, sendInChunks, valueBody, writeChunk } from './batches';
import { batchSizeOption, iocTypeProperty, iocValuesProperty, iocsReader, readBatchSize } from './fields';

const show = { resource: ['ioc'], operation: ['delete'] };

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
		options: [batchSizeOption(50, 'deletes')],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = orionClient(this);
	const node = this.getNode();
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
			const results = await sendInChunks(entries, batchSize, async (part) =>
				await writeChunk(client, node, part, {
					operation: orion.deleteIocs,
					lookupSize: batchSize,
					settled: (found) => found === undefined,
					answered: (entry, answer, sent) => ({
						iocType: type,
						value: entry.value,
						success: answer.success ?? true,
						message: answer.message ?? null,
						error: answer.error ?? null,
						PandaAlertId: answer.PandaAlertId ?? null,
						sentInRequest: sent,
						deletedInRequest: countIn(answer.message),
					}),
					confirmed: (entry) => ({
						iocType: type,
						value: entry.value,
						success: true,
						message: 'Cytomic Orion did not confirm the delete; a lookup no longer finds the IOC',
						error: null,
						PandaAlertId: null,
						confirmedByLookup: true,
					}),
				}),
			);
			return itemOutcomes(batch, entries, results);
		},
	});
}
