import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import { agentTool } from './agent-tool';
import * as ioc from './ioc';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { ioc }, agentTool);
}
