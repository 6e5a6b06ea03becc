/**
 * A parameter that is only `{{ $json.<path> }}` is read straight from the item (nodes/common/parameters.ts).
 * Here n8n's own engine evaluates the same parameter beside it, for many item shapes and many ways
 * of writing the reference: the two must never differ, in value or in error.
 */
import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { fieldReference, itemParameters } from '../../nodes/common/parameters';
import { runNode } from '../harness';

function outcome(read: () => unknown): IDataObject {
	try {
		const value = read();
		return { value: value === undefined ? '<undefined>' : (value as IDataObject['value']) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

class ReadProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Read Probe',
		name: 'readProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads one parameter both ways',
		defaults: { name: 'Read Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Field', name: 'field', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions) {
		const parameter = itemParameters(this);
		return [
			this.getInputData().map((_, index) => ({
				json: { ours: outcome(() => parameter('field', index)), engine: outcome(() => this.getNodeParameter('field', index)) },
			})),
		];
	}
}

const ITEMS: IDataObject[] = [
	{ value: 'evil.example.com', 'ioc value': ' 203.0.113.7 ', ioc: { sha256: 'A'.repeat(64), nested: { deep: 'x' } } },
	{ value: 42, 'ioc value': 0, ioc: { sha256: '' } },
	{ value: true, 'ioc value': false, ioc: { sha256: null } },
	{ value: null, ioc: 'not an object' },
	{ value: ['a', 'b'], 'ioc value': { a: 1 } },
	{ value: '={{ 1 + 1 }}', 'ioc value': '{{ $json.value }}' },
	{ value: 'tab\tnewline\n"quote"', ioc: { sha256: 'b'.repeat(64) } },
	{},
];

const REFERENCES = [
	'={{ $json.value }}',
	'={{$json.value}}',
	'={{   $json.value   }}',
	'={{ $json["ioc value"] }}',
	"={{ $json['ioc value'] }}",
	'={{ $json.ioc.sha256 }}',
	'={{ $json["ioc"]["sha256"] }}',
	'={{ $json.ioc.nested.deep }}',
	'={{ $json.missing }}',
	'={{ $json.missing.deeper }}',
	'={{ $json.constructor }}',
	'={{ $json.toString }}',
	'={{ $json.__proto__ }}',
];

describe('a field reference read without the expression engine', () => {
	it.each(REFERENCES)('%s gives what n8n gives, for every item', async (reference) => {
		const result = await runNode({
			type: 'readProbe',
			extraNodeTypes: [ReadProbe],
			parameters: { field: reference },
			input: ITEMS.map((json) => ({ json })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS.length);
		for (const item of result.items) expect(item.json.ours).toEqual(item.json.engine);
	});

	it('takes only a whole-parameter reference to a field: anything else goes through n8n', () => {
		expect(fieldReference('={{ $json.value }}')).toEqual(['value']);
		expect(fieldReference('={{ $json["ioc value"].sha256 }}')).toEqual(['ioc value', 'sha256']);
		for (const other of [
			'{{ $json.value }}',
			'={{ $json.value }} ',
			'=x{{ $json.value }}',
			'={{ $json.value.trim() }}',
			'={{ $json.value || "a" }}',
			'={{ $json[0] }}',
			'={{ $json }}',
			'={{ $json.value }}{{ $json.value }}',
			'={{ $("Node").item.json.value }}',
			'={{ $json["a\\"b"] }}',
			42,
			undefined,
		]) {
			expect(fieldReference(other)).toBeUndefined();
		}
	});
});
