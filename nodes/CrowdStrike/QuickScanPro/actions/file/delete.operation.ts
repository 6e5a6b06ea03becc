import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { QUICK_SCAN_PRO_IDS_PER_REQUEST, deleteFiles } from '../../../api/quick-scan-pro';
import { idsProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { sha256Schema } from '../../../shared/schemas';
import { falconClient } from '../../../transport';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['file'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'File', 'sha256s'),
		displayName: 'File SHA256s',
		placeholder: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
		description: `SHA256s of files uploaded to Quick Scan Pro, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
	},
];

/** DeleteFile, the SHA256s of all items in requests of up to 100; a SHA256 CrowdStrike did not delete fails its item, naming it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, sha256Schema, 'File SHA256s', 'sha256s') }),
		batchSize: QUICK_SCAN_PRO_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const deleted = async (ids: string[]) => {
				const answer = await deleteFiles(client, ids);
				return { ...answer, resources: (answer.resources ?? []).map((sha256) => ({ sha256, deleted: true })) };
			};
			return await lookUpIds(node, batch, QUICK_SCAN_PRO_IDS_PER_REQUEST, deleted, 'File', (record) => String(record.sha256));
		},
	});
}
