import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { runBatched } from '../../../../common/items';
import { itemParameters } from '../../../../common/parameters';
import { validateField } from '../../../../common/validation';
import { text } from '../../../../common/values';
import { orionClient } from '../../../transport';
import { orion } from '../../../api';
import { countIn, entriesOf, itemOutcomes, sendInChunks, valueBody, writeChunk } from './batches';
import { batchSizeOption, iocTypeProperty, iocValuesProperty, iocsReader, type ItemIocs, readBatchSize } from './fields';

const show = { resource: ['ioc'], operation: ['import'] };

export const description: INodeProperties[] = [
	iocTypeProperty(show),
	iocValuesProperty(show),
	{
		displayName: 'Days to Expiration',
		name: 'daysToExpiration',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		required: true,
		description:
			'How many days the IOCs stay on the platform; then they and their searches are deleted. Required: an IOC imported without it has no time to live and is never active.',
		displayOptions: { show },
	},
	{
		displayName: 'Retrospective Search',
		name: 'retrospective',
		type: 'boolean',
		default: true,
		description:
			"Whether to search, once, the telemetry of the last year for the imported IOCs (besides the real-time search that runs until they expire)",
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Additional Data', name: 'additionalData', type: 'string', default: '', description: 'Free text kept with the IOC (the platform does not use it)' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Free text kept with the IOC' },
			{ displayName: 'Policy', name: 'policy', type: 'string', default: '', description: 'Free text kept with the IOC, e.g. the policy of the feed it came from' },
			{ displayName: 'Source', name: 'source', type: 'string', default: '', description: 'Free text kept with the IOC, e.g. the feed it came from' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [batchSizeOption(50, 'imports')],
	},
];

interface ImportInput extends ItemIocs {
	retrospective: boolean;
	fields: IDataObject;
}

const daysSchema = z.coerce
	.number({ invalid_type_error: 'must be a number of days' })
	.int('must be a whole number of days')
	.min(1, 'must be at least 1 day: without it the IOC is never active')
	.max(36500, 'must be at most 36500 days');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = orionClient(this);
	const node = this.getNode();
	const batchSize = readBatchSize(this, 50);
	const readIocs = iocsReader(this);
	const parameter = itemParameters(this);
	return await runBatched(this, items, {
		parse: (index): ImportInput => {
			const iocs = readIocs(index);
			const additional = parameter<IDataObject>('additionalFields', index, {});
			const fields: IDataObject = {
				daysToExpiration: validateField(node, daysSchema, parameter('daysToExpiration', index), index, 'Days to Expiration'),
			};
			for (const [name, label] of [['source', 'Source'], ['policy', 'Policy'], ['description', 'Description'], ['additionalData', 'Additional Data']]) {
				const value = validateField(node, text(8000), additional[name] ?? '', index, label);
				if (value !== '') fields[name] = value;
			}
			return { ...iocs, retrospective: parameter('retrospective', index, true) === true, fields };
		},
		groupBy: (input) => `${input.type}|${input.retrospective}`,
		batchSize,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const { type, retrospective } = batch[0].input;
			const entries = entriesOf(batch, (input, value) => ({ ...valueBody(input.type, value), ...input.fields }));
			const results = await sendInChunks(entries, batchSize, async (part) =>
				await writeChunk(client, node, part, {
					operation: orion.importIocs,
					query: { retrospective },
					lookupSize: batchSize,
					settled: (found) => found !== undefined,
					answered: (entry, answer, sent) => ({
						iocType: type,
						value: entry.value,
						success: answer.success ?? true,
						message: answer.message ?? null,
						error: answer.error ?? null,
						PandaAlertId: answer.PandaAlertId ?? null,
						retrospective,
						daysToExpiration: entry.body.daysToExpiration,
						sentInRequest: sent,
						addedInRequest: countIn(answer.message),
					}),
					confirmed: (entry, found) => ({
						iocType: type,
						value: entry.value,
						success: true,
						message: 'Cytomic Orion did not confirm the import; a lookup found the IOC on the platform',
						error: null,
						PandaAlertId: found?.PandaAlertId ?? null,
						retrospective,
						daysToExpiration: entry.body.daysToExpiration,
						confirmedByLookup: true,
					}),
				}),
			);
			return itemOutcomes(batch, entries, results);
		},
	});
}
