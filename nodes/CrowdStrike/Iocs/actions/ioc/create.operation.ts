import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, shapeOutcomes } from '../../../../common/items';
import { invalidField } from '../../../../common/validation';
import { platformOptions, severityOptions } from '../../../shared/descriptions';
import { iocProperties } from '../../../shared/observed';
import { iocReader } from '../../../shared/ioc-input';
import { falconClient } from '../../../transport';
import { indicatorFields } from '../../../shared/indicator-fields';
import { createIndicators, type IndicatorWrite } from '../../../shared/indicator-writes';
import { legacyFieldProperties, toIndicatorFields, toLegacy } from './legacy';

const show = { resource: ['ioc'], operation: ['create'] };

export const description: INodeProperties[] = [
	...iocProperties({ show }),
	...legacyFieldProperties({ show }, true),
	{
		displayName: 'IOC Management Settings',
		name: 'managementSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'IOC Management needs these where the legacy API had none',
		displayOptions: { show },
		options: [
			{ displayName: 'Platforms', name: 'platforms', type: 'multiOptions', options: platformOptions, default: ['windows', 'mac', 'linux'] },
			{ displayName: 'Severity', name: 'severity', type: 'options', options: severityOptions, default: 'medium' },
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const readIoc = iocReader(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index): IndicatorWrite => {
			const ioc = readIoc(index);
			const legacy = { ...(this.getNodeParameter('additionalFields', index, {}) as IDataObject), policy: this.getNodeParameter('policy', index) };
			const settings = this.getNodeParameter('managementSettings', index, {}) as IDataObject;
			// IOC Management requires both: an empty value (an expression that gave nothing) must not be dropped silently.
			for (const [key, label] of [['platforms', 'Platforms'], ['severity', 'Severity']] as const) {
				const value = settings[key];
				if (value !== undefined && (value === null || value === '' || (Array.isArray(value) && value.length === 0))) {
					invalidField(node, index, label, `IOC Management needs ${key === 'platforms' ? 'at least one platform' : 'a severity'}`);
				}
			}
			const fields = toIndicatorFields(this, index, ioc, legacy);
			const management = indicatorFields(this, index, {
				platforms: settings.platforms ?? ['windows', 'mac', 'linux'],
				severity: settings.severity ?? 'medium',
				appliedGlobally: true,
			});
			return {
				indicator: { ...ioc, ...management, ...fields },
				request: { comment: '', retrodetects: false, ignoreWarnings: false },
			};
		},
		batchSize: 100,
		concurrency: client.policy.concurrency,
		run: async (batch) => shapeOutcomes(await createIndicators(client, node, batch), batch, (json) => toLegacy(json)),
	});
}
