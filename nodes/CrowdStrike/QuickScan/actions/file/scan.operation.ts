import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { atItem, eachOfBatch, runBatched, type ParsedItem } from '../../../../common/items';
import { numberOption } from '../../../../common/validation';
import { pollingOptions, readPolling, scanTimeoutError, type Polling } from '../../../shared/scan-polling';
import { falconClient } from '../../../transport';
import { binaryFieldProperty, readSampleFile, readSampleUpload, uploadOptions, uploadSample, type SampleUpload } from '../samples';
import { sampleVerdict, submitScan, waitForScan } from '../scans';

const show = { resource: ['file'], operation: ['scan'] };

/** Files per scan volume. */
const MAX_FILES_PER_SCAN = 100;

export const description: INodeProperties[] = [
	binaryFieldProperty({ show }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			...uploadOptions(),
			{
				displayName: 'Max Files per Scan',
				name: 'maxFilesPerScan',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_FILES_PER_SCAN },
				default: 50,
				description: 'The files of several items are scanned together as one volume of up to this many files',
			},
			...pollingOptions(),
		],
	},
];

interface ScanFileInput {
	upload: SampleUpload;
	polling: Polling;
}

interface Uploaded {
	index: number;
	sha256: string;
	fileName: string;
}

/**
 * Upload → submit → poll: each item's file is uploaded, the batch is scanned as one volume, and
 * every item gets its file's verdict with the SHA256, the scan ID, the quota and the raw scan.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const continueOnFail = this.continueOnFail();
	const node = this.getNode();
	const perScan = numberOption(node, (this.getNodeParameter('options', 0, {}) as IDataObject).maxFilesPerScan, 0, 'Max Files per Scan', {
		min: 1,
		max: MAX_FILES_PER_SCAN,
		integer: true,
		fallback: 50,
	});
	return await runBatched(this, items, {
		parse: async (index): Promise<ScanFileInput> => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			return { upload: await readSampleUpload(this, index, options), polling: readPolling(node, options, index) };
		},
		groupBy: (input) => JSON.stringify(input.polling),
		batchSize: perScan,
		concurrency: client.policy.concurrency,
		run: async (batch: Array<ParsedItem<ScanFileInput>>) => {
			const { done, outcomes } = await eachOfBatch(this, batch, client.policy.concurrency, async ({ index, input }) => {
				const file = await readSampleFile(this, index, input.upload);
				const record = await uploadSample(client, this, file, input.upload);
				return { sha256: String(record.sha256), fileName: file.fileName };
			});
			const uploaded: Uploaded[] = done.map(({ index, value }) => ({ index, ...value }));
			if (uploaded.length === 0) return outcomes;

			const { polling } = batch[0].input;
			let scanId: string | undefined;
			try {
				const submitted = await submitScan(client, this, [...new Set(uploaded.map((file) => file.sha256))]);
				scanId = submitted.scanId;
				const waited = await waitForScan(this, client, scanId, polling);
				const quota = waited.quota ?? submitted.quota;
				for (const file of uploaded) {
					if (waited.timedOut && polling.onTimeout === 'error') {
						outcomes.set(file.index, scanTimeoutError(this, scanId, waited.scan.status, polling, file.index));
						continue;
					}
					const verdict = waited.timedOut ? { sha256: file.sha256, timedOut: true } : sampleVerdict(waited.scan, file.sha256);
					outcomes.set(file.index, [
						{
							json: {
								...verdict,
								fileName: file.fileName,
								scanId,
								status: waited.scan.status,
								...(quota ? { quota } : {}),
								result: waited.scan,
							},
						},
					]);
				}
			} catch (error) {
				if (!continueOnFail) throw atItem(error, uploaded[0].index);
				for (const file of uploaded) outcomes.set(file.index, error as Error);
			}
			return outcomes;
		},
	});
}
