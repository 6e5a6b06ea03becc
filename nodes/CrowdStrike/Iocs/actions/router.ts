import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import { agentTool } from './agent-tool';
import * as device from './device';
import * as ioc from './ioc';
import * as processResource from './process';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { device, ioc, process: processResource }, agentTool);
}
