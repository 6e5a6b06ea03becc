import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, shapeOutcomes } from '../../../../common/items';
import { QUICK_SCAN_PRO_IDS_PER_REQUEST, getScanResultPage } from '../../../api/quick-scan-pro';
import { idsProperty, simplifyProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { scanIdSchema } from '../fields';
import { simplifyScanResult } from '../scan-results';

const show = { resource: ['scan'], operation: ['get'] };

export const description: INodeProperties[] = [{ ...idsProperty({ show }, 'Scan'), placeholder: 'c4f8a1e0b2d34f6a9e7c5b3d1f0a2e4c' }, simplifyProperty({ show })];

/** GetScanResult, the scan IDs of all items in requests of up to 100; an ID CrowdStrike does not know fails its item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, scanIdSchema, 'Scan IDs'), simplify: this.getNodeParameter('simplify', index, true) !== false }),
		batchSize: QUICK_SCAN_PRO_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const found = await lookUpIds(node, batch, QUICK_SCAN_PRO_IDS_PER_REQUEST, async (ids) => await getScanResultPage(client, ids), 'Scan');
			return shapeOutcomes(found, batch, (json: IDataObject, input) => (input.simplify ? simplifyScanResult(json) : json));
		},
	});
}
