import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import { agentTool } from './agent-tool';
import * as host from './host';
import * as hostGroup from './hostGroup';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { host, hostGroup }, agentTool);
}
