import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField, validateField } from '../../common/validation';
import { iocTypeSchema, normaliseIocValue, type IocType } from './schemas';

export interface IocRef {
	type: IocType;
	value: string;
}

/** The Type and Value fields of an item, validated and normalised. */
export function readIoc(ctx: IExecuteFunctions, itemIndex: number, typeField = 'type', valueField = 'value'): IocRef {
	const node = ctx.getNode();
	const type = validateField(node, iocTypeSchema, ctx.getNodeParameter(typeField, itemIndex), itemIndex, 'Type');
	const checked = normaliseIocValue(type, ctx.getNodeParameter(valueField, itemIndex));
	if ('problem' in checked) invalidField(node, itemIndex, 'Value', checked.problem);
	return { type, value: checked.value };
}
