import type { INodeProperties } from 'n8n-workflow';

import * as scan from './scan.operation';

export { scan };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Scan',
				value: 'scan',
				action: 'Scan a file',
				description: 'Upload the file of each item, scan it with Falcon\'s ML engine and wait for the verdict',
			},
		],
		default: 'scan',
	},
	...scan.description,
];
