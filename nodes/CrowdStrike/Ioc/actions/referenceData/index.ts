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
			{ name: 'Get IOC Types', value: 'getIocTypes', action: 'Get the indicator types' },
			{ name: 'Get Platforms', value: 'getPlatforms', action: 'Get the platforms' },
			{ name: 'Get Severities', value: 'getSeverities', action: 'Get the severities' },
		],
		default: 'getIocTypes',
	},
];
