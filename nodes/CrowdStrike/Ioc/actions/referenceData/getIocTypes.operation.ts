import type { INodeProperties } from 'n8n-workflow';

import { listReference } from './list';

export const description: INodeProperties[] = [];

export const execute = listReference('getIocTypes');
