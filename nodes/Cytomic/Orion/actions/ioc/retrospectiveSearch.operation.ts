import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { runBatched } from '../../../../common/items';
import { validateField } from '../../../../common/validation';
import { iocKey } from '../../../shared/ioc-types';
import { orionClient } from '../../../transport';
import { callOrion, orion } from '../../../api';
import { entriesOf, itemOutcomes, sendInChunks, valueBody, type EntryResult, type IocEntry } from './batches';
import { batchSizeOption, iocTypeProperty, iocValuesProperty, iocsReader, readBatchSize } from './fields';

const show = { resource: ['ioc'], operation: ['retrospectiveSearch'] };

/** Cytomic Orion ends a retrospective search after 90 s; the node waits a little longer by default. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

export const description: INodeProperties[] = [
	{
		displayName:
			'A retrospective search runs for up to 90 seconds and answers all at once. When it takes longer, Cytomic Orion closes the connection without results: search fewer IOCs per request.',
		name: 'retrospectiveNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	iocTypeProperty(show),
	iocValuesProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			batchSizeOption(10, 'searches for'),
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description:
					'How long to wait for the answer of one search. Above the API\'s 90 s by default, so that a search the API finishes is not cut short. A search that times out is not sent again.',
			},
		],
	},
];

const timeoutSchema = z.coerce.number().min(1, 'must be at least 1 second').max(600, 'must be at most 600 seconds');

/** One item per IOC: how often it was seen (`hitCount`) and where (`hits`: MUID, clientid, firstSeen, lastSeen, ioc, PandaAlertId). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = orionClient(this);
	const node = this.getNode();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = readBatchSize(this, 10);
	const timeoutMs = validateField(node, timeoutSchema, options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, 0, 'Timeout (Seconds)') * 1000;
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
				const answer = await callOrion(
					client,
					orion.retrospectiveSearch,
					{ path: { iocType: type }, body: part.map((entry) => entry.body) },
					{
						read: true,
						timeoutMs,
						noAnswerHint: `the search of ${part.length} IOC(s) did not answer: Cytomic Orion drops a retrospective search after 90 s; lower the Batch Size or raise Timeout (Seconds)`,
					},
				);
				const hits = Array.isArray(answer) ? (answer as IDataObject[]) : [];
				const byKey = new Map<string, IDataObject[]>();
				const unpaired: IDataObject[] = [];
				const searched = new Map<string, IocEntry>();
				for (const candidate of part) if (!searched.has(iocKey(type, candidate.value))) searched.set(iocKey(type, candidate.value), candidate);
				for (const hit of hits) {
					const key = (hit.ioc as IDataObject | undefined)?.iockey;
					const entry = typeof key === 'string' ? searched.get(iocKey(type, key)) : undefined;
					if (entry) byKey.set(entry.value, [...(byKey.get(entry.value) ?? []), hit]);
					else unpaired.push(hit);
				}
				return new Map<IocEntry, EntryResult>(
					part.map((entry) => {
						// A hit that names no IOC of the request goes to the only IOC searched, or is shown apart.
						const own = [...(byKey.get(entry.value) ?? []), ...(part.length === 1 ? unpaired : [])];
						return [
							entry,
							{
								iocType: type,
								value: entry.value,
								hitCount: own.length,
								hits: own,
								...(part.length > 1 && unpaired.length > 0 ? { unpairedHits: unpaired } : {}),
							},
						];
					}),
				);
			});
			return itemOutcomes(batch, entries, results);
		},
	});
}
