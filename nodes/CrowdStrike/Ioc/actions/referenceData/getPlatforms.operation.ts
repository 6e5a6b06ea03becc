import type { INodeProperties } from 'n8n-workflow';

import { REFERENCE_PATHS, listReference } from './list';

export const description: INodeProperties[] = [];

export const execute = listReference(REFERENCE_PATHS.getPlatforms);
