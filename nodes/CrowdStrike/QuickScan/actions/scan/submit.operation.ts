import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../../common/concurrency';
import { atItem, runBatched, type ItemOutcome, type ParsedItem } from '../../../../common/items';
import { invalidField, numberOption } from '../../../../common/validation';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { sha256Schema } from '../../../shared/schemas';
import { pollingOptions, readPolling, scanTimeoutError } from '../../../shared/scan-polling';
import { sampleVerdict, submitScan, waitForScan } from '../scans';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['scan'], operation: ['submit'] };

/** The most samples a volume holds (the sandbox's limit; CrowdStrike documents none). */
const MAX_SAMPLES_PER_SCAN = 100;

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Sample', 'samples'),
		displayName: 'Sample SHA256s',
		placeholder: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
		description: `SHA256s of samples uploaded earlier (Sample → Upload), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Max Samples per Scan',
				name: 'maxSamplesPerScan',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_SAMPLES_PER_SCAN },
				default: 50,
				description: 'Items are submitted together as one scan volume of up to this many samples',
			},
			...pollingOptions(),
			{
				displayName: 'Wait for Verdict',
				name: 'wait',
				type: 'boolean',
				default: false,
				description: 'Whether to poll the scan until it is done and output the verdicts, instead of only the scan ID',
			},
		],
	},
];

interface SubmitInput {
	samples: string[];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const perScan = numberOption(node, options.maxSamplesPerScan, 0, 'Max Samples per Scan', { min: 1, max: MAX_SAMPLES_PER_SCAN, integer: true, fallback: 50 });
	const polling = readPolling(node, options, 0);
	const wait = options.wait === true;
	return await runBatched(this, items, {
		parse: (index): SubmitInput => {
			const samples = readIds(this, index, sha256Schema, 'Sample SHA256s', 'samples');
			if (samples.length > perScan) {
				invalidField(node, index, 'Sample SHA256s', `${samples.length} samples do not fit one scan of at most ${perScan} (Max Samples per Scan)`);
			}
			return { samples };
		},
		batchSize: Math.max(1, items.length),
		concurrency: 1,
		run: async (batch) => {
			const outcomes = new Map<number, ItemOutcome>();
			await mapWithConcurrency(volumes(batch, perScan), client.policy.concurrency, async (volume) => {
				try {
					const shas = [...new Set(volume.flatMap((item) => item.input.samples))];
					const { scanId, quota } = await submitScan(client, this, shas);
					if (!wait) {
						for (const { index, input } of volume) outcomes.set(index, [{ json: { scanId, samples: input.samples, ...(quota ? { quota } : {}) } }]);
						return;
					}
					const waited = await waitForScan(this, client, scanId, polling);
					for (const { index, input } of volume) {
						if (waited.timedOut && polling.onTimeout === 'error') {
							outcomes.set(index, scanTimeoutError(this, scanId, waited.scan.status, polling, index));
							continue;
						}
						const verdicts = input.samples.map((sha) => sampleVerdict(waited.scan, sha));
						outcomes.set(index, [
							{
								json: {
									scanId,
									status: waited.scan.status,
									...(waited.timedOut ? { timedOut: true } : { malicious: verdicts.some((v) => v.malicious === true), samples: verdicts }),
									...(waited.quota ? { quota: waited.quota } : {}),
									result: waited.scan,
								},
							},
						]);
					}
				} catch (error) {
					if (!this.continueOnFail()) throw atItem(error, volume[0].index);
					for (const { index } of volume) outcomes.set(index, error as Error);
				}
			});
			return outcomes;
		},
	});
}

/** Items packed in order into volumes of at most `limit` distinct samples; an item is never split. */
function volumes(batch: Array<ParsedItem<SubmitInput>>, limit: number): Array<Array<ParsedItem<SubmitInput>>> {
	const packed: Array<Array<ParsedItem<SubmitInput>>> = [];
	let current: Array<ParsedItem<SubmitInput>> = [];
	let shas = new Set<string>();
	for (const item of batch) {
		const together = new Set([...shas, ...item.input.samples]);
		if (current.length > 0 && together.size > limit) {
			packed.push(current);
			current = [];
			shas = new Set(item.input.samples);
		} else {
			shas = together;
		}
		current.push(item);
	}
	if (current.length > 0) packed.push(current);
	return packed;
}
