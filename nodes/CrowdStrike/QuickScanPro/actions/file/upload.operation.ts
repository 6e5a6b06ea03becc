import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { binaryFieldProperty, fileNameOption, readBinaryFileInput, readFileContent } from '../../../shared/file-input';
import { falconClient } from '../../../transport';
import { archivePasswordOption, readArchivePassword } from '../fields';
import { uploadToQuickScanPro } from '../uploads';

const show = { resource: ['file'], operation: ['upload'] };

export const description: INodeProperties[] = [
	{ ...binaryFieldProperty({ show }), hint: 'The name of the input binary field containing the file to upload' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ ...archivePasswordOption, description: 'With Start Scan: the password of an encrypted archive (ZIP, 7z…), so that the scan can open it' },
			fileNameOption,
			{
				displayName: 'Start Scan',
				name: 'startScan',
				type: 'boolean',
				default: false,
				description: 'Whether to start scanning the file right after the upload (its scan ID is in the output; get the verdict with Scan → Get)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: async (index) => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			const startScan = options.startScan === true;
			return { file: await readBinaryFileInput(this, index, options), startScan, password: startScan ? readArchivePassword(this, index, options) : '' };
		},
		run: async ({ file, startScan, password }, index) => {
			const content = await readFileContent(this, index, file);
			const uploaded = await uploadToQuickScanPro(client, this, content, { startScan, password });
			return { json: { sha256: uploaded.sha256, fileName: content.fileName, size: content.data.length, ...(uploaded.scanId ? { scanId: uploaded.scanId } : {}), ...(uploaded.quota ? { quota: uploaded.quota } : {}) } };
		},
	});
}
