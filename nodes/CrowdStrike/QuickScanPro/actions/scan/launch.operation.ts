import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem, type ItemResult } from '../../../../common/items';
import { invalidField } from '../../../../common/validation';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { pollingOptions, readPolling } from '../../../shared/scan-polling';
import { sha256Schema } from '../../../shared/schemas';
import { falconClient } from '../../../transport';
import { archivePasswordOption, readArchivePassword, simplifyOption } from '../fields';
import { launchFor, launchResources } from '../launches';
import { scanOutcome, waitForScans } from '../scan-results';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['scan'], operation: ['launch'] };

/** The most files one item may launch (one request each item). */
const MAX_FILES_PER_ITEM = 100;

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'File', 'sha256s'),
		displayName: 'File SHA256s',
		placeholder: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
		description: `SHA256s of files uploaded earlier (File → Upload), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. Each gets its own scan.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			archivePasswordOption,
			...pollingOptions(),
			{ ...simplifyOption, description: 'With Wait for Verdict: whether to return the verdict fields only, instead of adding the raw scan result' },
			{
				displayName: 'Wait for Verdict',
				name: 'wait',
				type: 'boolean',
				default: false,
				description: 'Whether to poll the scans until they are done and output the verdicts, instead of only the scan IDs',
			},
		],
	},
];

/** LaunchScan, one request per item (a file CrowdStrike does not have fails only its own item); one output item per scan. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			const sha256s = readIds(this, index, sha256Schema, 'File SHA256s', 'sha256s');
			if (sha256s.length > MAX_FILES_PER_ITEM) {
				invalidField(node, index, 'File SHA256s', `${sha256s.length} files do not fit one request of at most ${MAX_FILES_PER_ITEM}`);
			}
			return {
				sha256s,
				password: readArchivePassword(this, index, options),
				wait: options.wait === true,
				polling: readPolling(node, options, index),
				simplify: options.simplify !== false,
			};
		},
		run: async (input, index) => {
			const launched = await launchFor(this, client, launchResources(input.sha256s.map((sha256) => ({ sha256, password: input.password }))));
			const missing = input.sha256s.find((sha256) => !launched.scanIds.has(sha256));
			if (missing !== undefined) throw launched.notLaunched(missing);
			const scans = input.sha256s.map((sha256) => ({ sha256, scanId: launched.scanIds.get(sha256) as string }));
			const quota = launched.quota ? { quota: launched.quota } : {};
			if (!input.wait) return scans.map(({ sha256, scanId }): ItemResult => ({ json: { scanId, sha256, ...quota } }));
			const waited = await waitForScans(this, client, scans.map((scan) => scan.scanId), input.polling);
			return scans.map((scan): ItemResult => {
				const outcome = scanOutcome(this, waited, scan, { polling: input.polling, simplify: input.simplify, quota: launched.quota }, index);
				if (outcome instanceof Error) throw outcome;
				return { json: outcome };
			});
		},
	});
}
