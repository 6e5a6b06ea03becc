import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import { agentTool } from './agent-tool';
import * as action from './action';
import * as device from './device';
import * as indicator from './indicator';
import * as processResource from './process';
import * as referenceData from './referenceData';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { action, device, indicator, process: processResource, referenceData }, agentTool);
}
