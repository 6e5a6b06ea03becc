import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as host from './actions/host';
import * as hostGroup from './actions/hostGroup';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';
import { listSearch } from './methods';

export class CrowdStrikeFalconHost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Host',
		name: 'crowdStrikeFalconHost',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"host:contain":"Contain hosts","host:get":"Get hosts","host:getMany":"Get many hosts","host:getOnlineState":"Get online state of hosts","host:hide":"Hide hosts","host:liftContainment":"Lift containment on hosts","host:unhide":"Unhide hosts","hostGroup:addHosts":"Add hosts to a host group","hostGroup:getMembers":"Get host group members","hostGroup:removeHosts":"Remove hosts from a group"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Find hosts, check whether they are online, contain or release them, and manage host group membership with CrowdStrike Falcon (scopes: Hosts read/write, Host groups write)',
		defaults: { name: 'CrowdStrike Falcon Host' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Host', value: 'host' },
					{ name: 'Host Group', value: 'hostGroup' },
				],
				default: 'host',
			},
			...host.description,
			...hostGroup.description,
			requestOptionsProperty,
		]),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
