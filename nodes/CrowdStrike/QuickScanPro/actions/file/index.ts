import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as scan from './scan.operation';
import * as upload from './upload.operation';

export { del as delete, scan, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete files', description: 'Delete files uploaded to Quick Scan Pro, by SHA256' },
			{
				name: 'Scan',
				value: 'scan',
				action: 'Scan a file',
				description: 'Upload the file of each item, scan it with Quick Scan Pro and wait for the verdict',
			},
			{ name: 'Upload', value: 'upload', action: 'Upload a file', description: 'Upload the file of an input item (at most 256 MB), and optionally start its scan' },
		],
		default: 'scan',
	},
	...del.description,
	...scan.description,
	...upload.description,
];
