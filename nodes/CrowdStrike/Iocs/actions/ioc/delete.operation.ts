import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { notFoundError } from '../../../shared/entity-errors';
import { iocReader } from '../../../shared/ioc-input';
import { iocProperties } from '../../../shared/observed';
import { falconClient } from '../../../transport';
import { deleteIndicators } from '../../../api/ioc';
import { findIndicator } from './legacy';

const show = { resource: ['ioc'], operation: ['delete'] };

export const description: INodeProperties[] = [...iocProperties({ show })];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const readIoc = iocReader(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => readIoc(index),
		run: async (ioc) => {
			const record = await findIndicator(client, ioc);
			if (!record) throw notFoundError(node, 'IOC', [`${ioc.type}:${ioc.value}`], undefined, undefined);
			await deleteIndicators(client, { ids: [String(record.id)] });
			return { json: { type: ioc.type, value: ioc.value, deleted: true } };
		},
	});
}
