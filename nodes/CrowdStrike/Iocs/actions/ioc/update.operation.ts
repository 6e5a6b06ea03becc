import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { invalidField } from '../../../../common/validation';
import { notFoundError } from '../../../shared/entity-errors';
import { iocReader } from '../../../shared/ioc-input';
import { iocProperties } from '../../../shared/observed';
import { falconClient } from '../../../transport';
import { updateIndicators } from '../../../api/ioc';
import { indicatorError } from '../../../shared/indicator-writes';
import { findIndicator, legacyFieldProperties, toIndicatorFields, toLegacy } from './legacy';

const show = { resource: ['ioc'], operation: ['update'] };

export const description: INodeProperties[] = [...iocProperties({ show }), ...legacyFieldProperties({ show }, false)];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const readIoc = iocReader(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const ioc = readIoc(index);
			const fields = toIndicatorFields(this, index, ioc, this.getNodeParameter('updateFields', index, {}) as IDataObject);
			if (Object.keys(fields).length === 0) invalidField(node, index, 'Update Fields', 'add at least one field to change');
			return { ioc, fields };
		},
		run: async ({ ioc, fields }) => {
			const record = await findIndicator(client, ioc);
			if (!record) throw notFoundError(node, 'IOC', [`${ioc.type}:${ioc.value}`], undefined, undefined);
			const answer = await updateIndicators(client, {}, { indicators: [{ id: record.id, ...fields }] });
			const updated = (answer.resources ?? []).find((entry) => entry.id === record.id && !entry.message);
			if (!updated) {
				const message = (answer.errors ?? []).map((entry) => entry.message).join('; ') || 'CrowdStrike did not update this IOC';
				throw indicatorError(node, message, answer.meta.trace_id);
			}
			return { json: toLegacy(updated) };
		},
	});
}
