/**
 * What a newcomer reads in the editor, checked on every node: canvas subtitles (evaluated by n8n's
 * own expression engine, as the canvas does), operation actions and descriptions, the nodes panel
 * entry a node and its trigger share, list fields, and labels of fixed vocabularies.
 */
import type { INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { createRegistry, fullNodeTypeName, listPackageNodeTypes } from '../harness';
import { MAX_SUBTITLE_LENGTH, expectedSubtitle, optionsOf, subtitleLabels } from './subtitles';

const registry = createRegistry();
const names = listPackageNodeTypes().map((type) => type.replace(/^.*\./, ''));
const describeOf = (name: string): INodeTypeDescription => registry.nodeTypes.getByNameAndVersion(fullNodeTypeName(name)).description;

/** The subtitle as n8n's canvas computes it (useNodeHelpers.getNodeSubtitle): the node's parameters with their defaults. */
function canvasSubtitle(description: INodeTypeDescription, chosen: Record<string, string>): unknown {
	const parameters = NodeHelpers.getNodeParameters(description.properties, chosen, true, false, null, description) ?? {};
	const node: INode = { id: '1', name: 'Node', type: fullNodeTypeName(description.name), typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
}

function every(properties: INodeProperties[], visit: (property: INodeProperties) => void) {
	for (const property of properties) {
		visit(property);
		for (const option of property.options ?? []) {
			if ('displayName' in option && 'type' in option) every([option as INodeProperties], visit);
			if ('values' in option) every(option.values, visit);
		}
	}
}

describe.each(names)('%s', (name) => {
	const description = describeOf(name);

	it('carries the subtitle its options say (the action of the chosen operation or event)', () => {
		expect(description.subtitle).toBe(expectedSubtitle(description));
	});

	it('shows display names on the canvas, short enough not to be cut, for every operation or event', () => {
		const { labels } = subtitleLabels(description);
		expect(Object.keys(labels).length).toBeGreaterThan(0);
		for (const [key, label] of Object.entries(labels)) {
			const [resource, operation] = key.includes(':') ? key.split(':') : [undefined, key];
			const chosen: Record<string, string> = description.properties.some((property) => property.name === 'event')
				? { event: key }
				: { ...(resource ? { resource } : {}), operation };
			const shown = canvasSubtitle(description, chosen);
			expect({ key, shown }).toEqual({ key, shown: label });
			expect(label.length).toBeLessThanOrEqual(MAX_SUBTITLE_LENGTH);
			// Never a raw value: no camelCase, and not the value itself.
			expect(label).not.toMatch(/[a-z][A-Z]/);
			expect(label).not.toBe(operation);
		}
	});

	it('gives every operation and event an action and a description', () => {
		for (const property of description.properties.filter((entry) => entry.name === 'operation' || entry.name === 'event')) {
			for (const option of optionsOf(property)) {
				expect({ value: option.value, action: typeof option.action, description: typeof option.description }).toEqual({
					value: option.value,
					action: 'string',
					description: 'string',
				});
			}
		}
	});

	it('makes every list field multi-line and says which separators it takes', () => {
		every(description.properties, (property) => {
			if (property.type !== 'string' || property.typeOptions?.password) return;
			const isList = /separated by|one or more/i.test(property.description ?? '') || /\b(IDs|SHA256s|Values|Tags|Hostnames|Addresses|Sources)$/.test(property.displayName);
			if (!isList) return;
			expect({ field: property.displayName, rows: property.typeOptions?.rows ?? 1 }).toEqual({ field: property.displayName, rows: expect.any(Number) });
			expect(property.typeOptions?.rows ?? 1).toBeGreaterThanOrEqual(2);
			expect({ field: property.displayName, description: property.description }).toEqual({
				field: property.displayName,
				description: expect.stringMatching(/separated by (new lines|[^,]*new lines)/),
			});
		});
	});

	it('labels fixed vocabularies plainly, without n8n\'s "Name or ID" wording for loaded lists', () => {
		every(description.properties, (property) => {
			expect(property.displayName).not.toMatch(/Names? or IDs?$/);
		});
	});
});

describe('nodes panel entries', () => {
	it('gives a node and the trigger n8n merges into it (same name without "Trigger") a description that covers both', () => {
		const triggers = names.filter((name) => describeOf(name).group.includes('trigger'));
		for (const trigger of triggers) {
			const action = names.find((name) => name === trigger.replace('Trigger', ''));
			if (!action) continue;
			// n8n shows the trigger's description for the merged entry, whichever is added.
			const shown = describeOf(trigger).description;
			expect(shown).toMatch(/alert/i);
			expect(shown).toMatch(/IOCs/);
		}
	});

	it('names the Falcon IOC resource so the actions heading reads naturally ("<resource> Actions")', () => {
		const resource = describeOf('crowdStrikeFalconIoc').properties.find((property) => property.name === 'resource')!;
		for (const option of optionsOf(resource)) expect(`${option.name} Actions`).not.toMatch(/Action Actions/);
		expect(optionsOf(resource).find((option) => option.value === 'action')?.name).toBe('Action Type');
	});
});
