import * as fs from 'fs';
import * as path from 'path';

import { declaredNodes, END, generatedPart, loadDescription, REPO_DIR, START } from '../../scripts/docs/node-pages';

// The node window's Docs link opens the codex's primaryDocumentation (n8n adds utm parameters), the
// credential window's the credential's documentationUrl: both must reach this package's own pages,
// and each node page must put credentials and sandbox set-up one click away.
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { repository: { url: string } };
const WEB = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const DOCS = `${WEB}/blob/main/docs`;
const read = (file: string) => fs.readFileSync(path.join(REPO_DIR, file), 'utf8');

/** GitHub's anchor of a Markdown heading. */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
const anchorsOf = (file: string) => new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));

interface Codex {
	node: string;
	resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation: Array<{ url: string }> };
}

describe.each(declaredNodes().map((n) => [n.base, n] as const))('%s', (_base, node) => {
	const codex = JSON.parse(read(node.codex)) as Codex;
	const description = loadDescription(node);

	it('has its page in docs/nodes/, and the codex Docs link opens it', () => {
		expect(fs.existsSync(path.join(REPO_DIR, node.page))).toBe(true);
		expect(codex.resources.primaryDocumentation.map((d) => d.url)).toEqual([`${WEB}/blob/main/${node.page}`]);
		expect(codex.node).toBe(`n8n-nodes-edr-soar.${description.name}`);
	});

	it("links its credential's section of docs/credentials.md", () => {
		const urls = codex.resources.credentialDocumentation.map((d) => d.url);
		expect(urls).toHaveLength(1);
		const [file, hash] = urls[0].replace(`${DOCS}/`, 'docs/').split('#');
		expect(file).toBe('docs/credentials.md');
		expect(anchorsOf(file).has(hash)).toBe(true);
	});

	it('puts credentials and sandbox set-up one click away, and names its scopes, examples and limits', () => {
		const page = read(node.page);
		expect(page.startsWith(`# ${description.displayName}\n`)).toBe(true);
		expect(page).toContain('](../credentials.md)');
		expect(page).toContain('](../sandbox.md)');
		for (const section of ['## API scopes', '## Examples', '## Limits']) expect(page).toContain(section);
		for (const [, target] of page.matchAll(/\]\((\.\.\/[^)#]+|[\w-]+\.md)(?:#[^)]*)?\)/g)) {
			expect({ target, exists: fs.existsSync(path.resolve(REPO_DIR, 'docs', 'nodes', target)) }).toEqual({ target, exists: true });
		}
	});

	it('lists the operations and fields the node has now (else run `npm run docs:nodes`)', () => {
		const page = read(node.page);
		expect(page.slice(page.indexOf(START), page.indexOf(END) + END.length)).toBe(generatedPart(description));
	});
});

describe('credential Docs links', () => {
	it.each([
		['credentials/CrowdStrikeFalconApi.credentials.ts', 'crowdstrike-falcon-api'],
		['credentials/CytomicOrionApi.credentials.ts', 'cytomic-orion-api'],
	])('%s opens docs/credentials.md#%s', (file, hash) => {
		expect(read(file)).toContain(`documentationUrl = '${DOCS}/credentials.md#${hash}'`);
		expect(anchorsOf('docs/credentials.md').has(hash)).toBe(true);
	});

	it('docs/credentials.md and docs/sandbox.md link each other and the node pages', () => {
		expect(read('docs/credentials.md')).toContain('](sandbox.md)');
		expect(read('docs/sandbox.md')).toContain('](credentials.md)');
		expect(read('docs/sandbox.md')).toContain('npx n8n-nodes-edr-soar-sandbox');
		for (const node of declaredNodes()) expect(read('docs/nodes/README.md')).toContain(`](${node.base}.md)`);
	});
});
