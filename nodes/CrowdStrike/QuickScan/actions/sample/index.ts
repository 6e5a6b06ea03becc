import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as download from './download.operation';
import * as upload from './upload.operation';

export { del as delete, download, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sample'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete samples', description: 'Delete uploaded samples by SHA256' },
			{ name: 'Download', value: 'download', action: 'Download a sample', description: 'Download a sample to a binary field, optionally as a password-protected ZIP' },
			{ name: 'Upload', value: 'upload', action: 'Upload a sample', description: 'Upload the file of an input item (at most 256 MB) for scanning' },
		],
		default: 'upload',
	},
	...del.description,
	...download.description,
	...upload.description,
];
