import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameters } from '../../common/parameters';
import { invalidField, validateField } from '../../common/validation';
import { iocTypeSchema, normaliseIocValue, type IocType } from './schemas';

export interface IocRef {
	type: IocType;
	value: string;
}

/** Reads the Type and Value fields of each item, validated and normalised. */
export function iocReader(ctx: IExecuteFunctions, typeField = 'type', valueField = 'value'): (itemIndex: number) => IocRef {
	const node = ctx.getNode();
	const parameter = itemParameters(ctx);
	return (itemIndex) => {
		const type = validateField(node, iocTypeSchema, parameter(typeField, itemIndex), itemIndex, 'Type');
		const checked = normaliseIocValue(type, parameter(valueField, itemIndex));
		if ('problem' in checked) invalidField(node, itemIndex, 'Value', checked.problem);
		return { type, value: checked.value };
	};
}
