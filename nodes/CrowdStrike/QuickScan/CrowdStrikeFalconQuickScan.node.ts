import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as file from './actions/file';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';
import * as sample from './actions/sample';
import * as scan from './actions/scan';

export class CrowdStrikeFalconQuickScan implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Quick Scan',
		name: 'crowdStrikeFalconQuickScan',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"file:scan":"Scan a file","sample:delete":"Delete samples","sample:download":"Download a sample","sample:upload":"Upload a sample","scan:get":"Get scans by ID","scan:getAggregates":"Get scan aggregates","scan:getMany":"Get many scans","scan:submit":"Submit samples for scanning"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Scan files with CrowdStrike Falcon Quick Scan and manage uploaded samples (needs Quick Scan and the API scopes Quick Scan and Sample uploads: read, write)',
		defaults: { name: 'CrowdStrike Falcon Quick Scan' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName:
					'Needs Falcon Quick Scan (Falcon Intelligence) and an API client with the scopes Quick Scan and Sample uploads (read, write). Tenants licensed for Quick Scan Pro instead: use the CrowdStrike Falcon Quick Scan Pro node.',
				name: 'licenceNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'File', value: 'file', description: 'Scan a file in one step: upload, scan, wait for the verdict' },
					{ name: 'Sample', value: 'sample', description: 'Files uploaded to Falcon for analysis' },
					{ name: 'Scan', value: 'scan', description: 'Quick Scan volumes and their verdicts' },
				],
				default: 'file',
			},
			...file.description,
			...sample.description,
			...scan.description,
			requestOptionsProperty,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
