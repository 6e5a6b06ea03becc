import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { atItem, eachOfBatch, runBatched, type ParsedItem } from '../../../../common/items';
import { numberOption } from '../../../../common/validation';
import { QUICK_SCAN_PRO_IDS_PER_REQUEST } from '../../../api/quick-scan-pro';
import { binaryFieldProperty, fileNameOption, readBinaryFileInput, readFileContent, type BinaryFileInput } from '../../../shared/file-input';
import { pollingOptions, readPolling, type Polling } from '../../../shared/scan-polling';
import { falconClient } from '../../../transport';
import { archivePasswordOption, readArchivePassword, simplifyOption } from '../fields';
import { launchFor, launchResources } from '../launches';
import { scanOutcome, waitForScans } from '../scan-results';
import { uploadToQuickScanPro } from '../uploads';

const show = { resource: ['file'], operation: ['scan'] };

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
			archivePasswordOption,
			fileNameOption,
			{
				displayName: 'Max Files per Request',
				name: 'maxFilesPerRequest',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: QUICK_SCAN_PRO_IDS_PER_REQUEST },
				default: 50,
				description: 'The files of several items are launched in one request (one scan each) and polled together, up to this many',
			},
			...pollingOptions(),
			simplifyOption,
		],
	},
];

interface ScanFileInput {
	file: BinaryFileInput;
	password: string;
	polling: Polling;
	simplify: boolean;
}

interface Uploaded {
	index: number;
	sha256: string;
	fileName: string;
	password: string;
}

/**
 * Upload → launch → poll: each item's file is uploaded, the batch's files are launched in one
 * request (one scan each), and every item gets its file's verdict with the SHA256, the scan ID
 * and the quota (the raw result too, unless simplified).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const continueOnFail = this.continueOnFail();
	const node = this.getNode();
	const perRequest = numberOption(node, (this.getNodeParameter('options', 0, {}) as IDataObject).maxFilesPerRequest, 0, 'Max Files per Request', {
		min: 1,
		max: QUICK_SCAN_PRO_IDS_PER_REQUEST,
		integer: true,
		fallback: 50,
	});
	return await runBatched(this, items, {
		parse: async (index): Promise<ScanFileInput> => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			return {
				file: await readBinaryFileInput(this, index, options),
				password: readArchivePassword(this, index, options),
				polling: readPolling(node, options, index),
				simplify: options.simplify !== false,
			};
		},
		groupBy: (input) => JSON.stringify([input.polling, input.simplify]),
		batchSize: perRequest,
		concurrency: client.policy.concurrency,
		run: async (batch: Array<ParsedItem<ScanFileInput>>) => {
			const { done, outcomes } = await eachOfBatch(this, batch, client.policy.concurrency, async ({ index, input }) => {
				const content = await readFileContent(this, index, input.file);
				const { sha256 } = await uploadToQuickScanPro(client, this, content, { startScan: false });
				return { sha256, fileName: content.fileName, password: input.password };
			});
			const uploaded: Uploaded[] = done.map(({ index, value }) => ({ index, ...value }));
			if (uploaded.length === 0) return outcomes;

			const { polling, simplify } = batch[0].input;
			try {
				const launched = await launchFor(this, client, launchResources(uploaded));
				const waited = await waitForScans(this, client, [...new Set(launched.scanIds.values())], polling);
				for (const file of uploaded) {
					const scanId = launched.scanIds.get(file.sha256);
					if (scanId === undefined) {
						outcomes.set(file.index, launched.notLaunched(file.sha256));
						continue;
					}
					const outcome = scanOutcome(this, waited, { scanId, sha256: file.sha256, fileName: file.fileName }, { polling, simplify, quota: launched.quota }, file.index);
					outcomes.set(file.index, outcome instanceof Error ? outcome : [{ json: outcome }]);
				}
			} catch (error) {
				if (!continueOnFail) throw atItem(error, uploaded[0].index);
				for (const file of uploaded) outcomes.set(file.index, error as Error);
			}
			return outcomes;
		},
	});
}
