/** The expectations test:n8n's editor pass reads from the package (scripts/real-n8n/editor-expectations.ts). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	coversMostWords,
	notPackageNodePage,
	primaryDocumentationUrl,
	repeatsItsWord,
	subtitleExpectation,
	subtitleProblem,
	withoutUtm,
} from '../../scripts/real-n8n/editor-expectations';
import type { ExportedNodeType } from '../../scripts/real-n8n/instance';
import { CrowdStrikeFalconIoc } from '../../nodes/CrowdStrike/Ioc/CrowdStrikeFalconIoc.node';
import { CytomicOrion } from '../../nodes/Cytomic/Orion/CytomicOrion.node';
import { CytomicOrionTrigger } from '../../nodes/Cytomic/OrionTrigger/CytomicOrionTrigger.node';
import { CrowdStrikeFalconTrigger } from '../../nodes/CrowdStrike/Trigger/CrowdStrikeFalconTrigger.node';

const REPO = join(__dirname, '..', '..');
const IOC = 'n8n-nodes-edr-soar.crowdStrikeFalconIoc';
const TRIGGER = 'n8n-nodes-edr-soar.crowdStrikeFalconTrigger';
const exported = (type: string, node: { description: object }) => ({ ...node.description, name: type }) as unknown as ExportedNodeType;
const nodeTypes = [exported(IOC, new CrowdStrikeFalconIoc()), exported(TRIGGER, new CrowdStrikeFalconTrigger())];

it('the codex URL of a node, read from its codex file; n8n\'s utm parameters are dropped', () => {
	expect(primaryDocumentationUrl(REPO, IOC)).toMatch(/^https:\/\//);
	expect(primaryDocumentationUrl(REPO, 'n8n-nodes-edr-soar.nothing')).toBeUndefined();
	expect(withoutUtm('https://example.com/a/b.md?utm_source=n8n_app&utm_medium=x&utm_campaign=y')).toBe('https://example.com/a/b.md');
	expect(withoutUtm('https://example.com/a?x=1&utm_source=n8n_app')).toBe('https://example.com/a?x=1');
});

it("a docs link passes only as a docs/nodes page of this package's repository that exists", () => {
	const repo = mkdtempSync(join(tmpdir(), 'editor-expect-'));
	writeFileSync(join(repo, 'package.json'), JSON.stringify({ repository: { type: 'git', url: 'git+https://github.com/acme/n8n-nodes-x.git' } }));
	mkdirSync(join(repo, 'docs', 'nodes'), { recursive: true });
	writeFileSync(join(repo, 'docs', 'nodes', 'ioc.md'), '# IOC\n');
	expect(notPackageNodePage('https://github.com/acme/n8n-nodes-x/blob/main/docs/nodes/ioc.md', repo)).toBeUndefined();
	expect(notPackageNodePage('https://github.com/acme/n8n-nodes-x/blob/main/docs/nodes/host.md', repo)).toBe('docs/nodes/host.md is not in the repository');
	expect(notPackageNodePage('https://github.com/acme/n8n-nodes-x#readme', repo)).toBe('not a docs/nodes/ page');
	expect(notPackageNodePage('https://github.com/CrowdStrike/falconpy/wiki/IOC', repo)).toBe('not in https://github.com/acme/n8n-nodes-x');
	expect(notPackageNodePage(undefined, repo)).toBe('no URL');
});

interface Options {
	name: string;
	type: string;
	options?: Array<{ name: string; value: string; action?: string }>;
	displayOptions?: { show?: { resource?: string[] } };
}

it('subtitle names come from the node description of what the panel shows selected, never the raw values', () => {
	const props = new CrowdStrikeFalconIoc().description.properties as unknown as Options[];
	const resource = props.find((p) => p.name === 'resource')?.options?.[0];
	const operation = props.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(String(resource?.value)))?.options?.[0];
	if (!resource || !operation) throw new Error('the IOC node has no resource or operation');
	const expected = subtitleExpectation(nodeTypes, IOC, { resource: resource.name, operation: operation.name });
	expect(expected).toEqual({ names: [operation.action, operation.name].filter(Boolean), raw: [operation.value, resource.value] });
	expect(subtitleProblem(`${operation.value}: ${resource.value}`, expected)).toBe('raw parameter values');
	expect(subtitleProblem(`  ${expected.names[0].toLowerCase()} `, expected)).toBeUndefined();
	expect(subtitleProblem('Something else', expected)).toBe('no display name of the selection');

	const event = (new CrowdStrikeFalconTrigger().description.properties as unknown as Options[]).find((p) => p.name === 'event')?.options?.[0];
	if (!event) throw new Error('the trigger has no event');
	const events = subtitleExpectation(nodeTypes, TRIGGER, { event: event.name });
	expect(events.names).toContain(event.name);
	expect(subtitleProblem(`On ${event.name.toLowerCase()}`, events)).toBeUndefined();
	expect(subtitleProblem(event.value, events)).toBe('raw parameter values');
	expect(subtitleExpectation(nodeTypes, IOC, { resource: resource.name, operation: 'No Such Operation' }).names).toEqual([]);
	expect(subtitleProblem('create: indicator', { names: ['Create an indicator', 'Create'], raw: ['create', 'indicator'] })).toBe('raw parameter values');
});

it('a heading that repeats its word is caught', () => {
	expect(repeatsItsWord('ACTION ACTIONS')).toBe(true);
	expect(repeatsItsWord('Action actions')).toBe(true);
	expect(repeatsItsWord('INDICATOR ACTIONS')).toBe(false);
	expect(repeatsItsWord('IOC ACTION ACTIONS')).toBe(false);
});

describe('coversMostWords (a node merged with its trigger in the nodes panel)', () => {
	it("accepts the Orion trigger's description as covering the Orion node's actions", () => {
		expect(coversMostWords(new CytomicOrionTrigger().description.description, new CytomicOrion().description.description)).toBe(true);
	});

	it('refuses a trigger description that only speaks of the trigger', () => {
		expect(coversMostWords('Starts the workflow when Cytomic Orion raises a new alert', 'Import, find, search retrospectively and delete Cytomic Orion IOCs')).toBe(false);
	});
});
