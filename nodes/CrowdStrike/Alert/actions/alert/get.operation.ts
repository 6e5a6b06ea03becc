import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, shapeOutcomes } from '../../../../common/items';
import { ALERT_IDS_PER_REQUEST, getAlerts } from '../../../api/alerts';
import { idsProperty, simplifyProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { compositeIdSchema, includeHiddenOption, simplifyAlert } from './fields';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['alert'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Composite Alert', 'compositeIds'),
		placeholder: '<cid>:ind:<device id>:<detection id>, …',
		description: `Composite alert IDs (composite_id), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. IDs of all items are looked up together.`,
	},
	simplifyProperty({ show }),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options: [includeHiddenOption()] },
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const includeHidden = (this.getNodeParameter('options', 0, {}) as IDataObject).includeHidden !== false;
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, compositeIdSchema, 'Composite Alert IDs', 'compositeIds'), simplify: this.getNodeParameter('simplify', index, true) as boolean }),
		batchSize: ALERT_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const outcomes = await lookUpIds(node, batch, ALERT_IDS_PER_REQUEST, async (ids) => await getAlerts(client, ids, includeHidden), 'Alert', (record) => String(record.composite_id));
			return shapeOutcomes(outcomes, batch, (json, input) => (input.simplify ? simplifyAlert(json) : json));
		},
	});
}
