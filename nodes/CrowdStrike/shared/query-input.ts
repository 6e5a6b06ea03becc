import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { validateField } from '../../common/validation';
import { fqlSchema } from './schemas';
import { text } from '../../common/values';

/** An item's Filter (FQL), checked; empty when not set. */
export function readFilter(ctx: IExecuteFunctions, index: number): string {
	return validateField(ctx.getNode(), fqlSchema, ctx.getNodeParameter('filter', index, ''), index, 'Filter');
}

/** The Sort of an item's Options collection, checked; empty when not set. */
export function readSort(ctx: IExecuteFunctions, index: number, options: IDataObject): string {
	return validateField(ctx.getNode(), text(200), options.sort ?? '', index, 'Sort').trim();
}
