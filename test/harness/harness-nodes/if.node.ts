import type {
	FilterOptionsValue,
	FilterValue,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, executeFilter } from 'n8n-workflow';

interface IfOptions {
	ignoreCase?: boolean;
	looseTypeValidation?: boolean;
}

/**
 * Minimal `n8n-nodes-base.if` version 2.x (nodes-base is not installed). Conditions are n8n's
 * `filter` parameter, evaluated by n8n-workflow's own `executeFilter` (what n8n-core runs for
 * `getNodeParameter(..., { extractValue: true })` on a filter), so every operator n8n has works the
 * same: string equals/notEquals/contains/startsWith/regex/exists/empty…, number equals/gt/lt/gte/lte,
 * boolean true/false/equals, dateTime, array, object. Items that pass go to output 0 ("true"),
 * the others to output 1 ("false").
 *
 * The editor stores `conditions.options` (caseSensitive, typeValidation, version) with the value;
 * for hand-written workflows that leave it out, it is filled from the node's options as the editor
 * would (ignoreCase defaults to true, strict type validation, filter version 2 from typeVersion 2.2).
 */
export class If implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: 'if',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Route items to different branches (true/false)',
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				placeholder: 'Add Condition',
				type: 'filter',
				default: {},
			},
			{
				displayName: 'Convert types where required',
				name: 'looseTypeValidation',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2.1 } }] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: true },
					{
						displayName: 'Less Strict Type Validation',
						name: 'looseTypeValidation',
						type: 'boolean',
						default: false,
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		const version = this.getNode().typeVersion;

		this.getInputData().forEach((item, itemIndex) => {
			try {
				const options = this.getNodeParameter('options', itemIndex, {}) as IfOptions;
				const loose =
					options.looseTypeValidation === true ||
					(version >= 2.1 && this.getNodeParameter('looseTypeValidation', itemIndex, false) === true);
				const stored = this.getNodeParameter('conditions', itemIndex, {}) as Partial<FilterValue>;
				const filterOptions: FilterOptionsValue = {
					caseSensitive: !(options.ignoreCase ?? true),
					leftValue: '',
					typeValidation: loose ? 'loose' : 'strict',
					version: version >= 2.2 ? 2 : 1,
					...stored.options,
				};
				const filter: FilterValue = {
					combinator: stored.combinator ?? 'and',
					conditions: stored.conditions ?? [],
					options: filterOptions,
				};
				let pass: boolean;
				try {
					pass = executeFilter(filter, { itemIndex });
				} catch (error) {
					const description =
						(error as { description?: string }).description ??
						(loose
							? undefined
							: "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'.");
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex, description });
				}
				item.pairedItem ??= { item: itemIndex };
				(pass ? trueItems : falseItems).push(item);
			} catch (error) {
				if (this.continueOnFail()) {
					falseItems.push(item);
					return;
				}
				if (error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		});

		return [trueItems, falseItems];
	}
}
