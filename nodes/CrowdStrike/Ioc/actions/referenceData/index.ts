import type { INodeProperties } from 'n8n-workflow';

import * as getIocTypes from './getIocTypes.operation';
import * as getPlatforms from './getPlatforms.operation';
import * as getSeverities from './getSeverities.operation';

export { getIocTypes, getPlatforms, getSeverities };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referenceData'] } },
		options: [
			{ name: 'Get IOC Types', value: 'getIocTypes', action: 'Get the indicator types', description: 'The indicator types IOC Management accepts (sha256, md5, domain…)' },
			{ name: 'Get Platforms', value: 'getPlatforms', action: 'Get the platforms', description: 'The platforms an indicator can apply to (windows, mac, linux…)' },
			{ name: 'Get Severities', value: 'getSeverities', action: 'Get the severities', description: 'The severities an indicator can have (informational to critical)' },
		],
		default: 'getIocTypes',
	},
];
