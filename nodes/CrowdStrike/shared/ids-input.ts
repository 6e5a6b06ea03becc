import type { IExecuteFunctions } from 'n8n-workflow';
import type { ZodType } from 'zod';

import { invalidField, validateList } from '../../common/validation';
import { LIST_FORMATS } from '../../common/values';

/** An IDs field (text or array) read, each ID validated, duplicates dropped. */
export function readIds(
	ctx: IExecuteFunctions,
	itemIndex: number,
	schema: ZodType<string>,
	fieldName: string,
	parameter = 'ids',
): string[] {
	const node = ctx.getNode();
	const ids = validateList(node, schema, ctx.getNodeParameter(parameter, itemIndex), itemIndex, fieldName, LIST_FORMATS.tokens);
	if (ids.length === 0) invalidField(node, itemIndex, fieldName, 'give at least one ID');
	return [...new Set(ids)];
}
