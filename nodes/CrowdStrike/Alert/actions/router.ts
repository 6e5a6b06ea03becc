import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import * as alert from './alert';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { alert });
}
