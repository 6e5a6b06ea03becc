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
import * as scan from './actions/scan';

export class CrowdStrikeFalconQuickScanPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Quick Scan Pro',
		name: 'crowdStrikeFalconQuickScanPro',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"file:delete":"Delete files","file:scan":"Scan a file","file:upload":"Upload a file","scan:delete":"Delete scan results","scan:get":"Get scan results","scan:getMany":"Get many scan results","scan:launch":"Launch scans"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Scan files with CrowdStrike Falcon Quick Scan Pro (needs a Quick Scan Pro licence and the API scope QuickScan Pro: read, write)',
		defaults: { name: 'CrowdStrike Falcon Quick Scan Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName: 'Needs a Falcon Quick Scan Pro licence and an API client with the scope QuickScan Pro (read, write). For the older Quick Scan, use the CrowdStrike Falcon Quick Scan node.',
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
					{ name: 'File', value: 'file', description: 'Files uploaded to Quick Scan Pro; Scan does upload, scan and verdict in one step' },
					{ name: 'Scan', value: 'scan', description: 'Quick Scan Pro scans and their results' },
				],
				default: 'file',
			},
			...file.description,
			...scan.description,
			requestOptionsProperty,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
